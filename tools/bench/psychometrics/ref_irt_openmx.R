#!/usr/bin/env Rscript
# Copied from the psychometrics conformance corpus (reference/ref_irt_openmx.R); OpenMx + rpf reference fit.
# Reference 2PL/1PL calibration with OpenMx+rpf (Debian: r-cran-openmx r-cran-rpf). Research scratch.
# usage: Rscript ref_irt_openmx.R responses.csv [2PL|RASCH] > expected.json   (CSV: header row, 0/1/NA, one row per person)
suppressPackageStartupMessages({library(OpenMx); library(rpf)})
args <- commandArgs(TRUE); model <- if (length(args) > 1) toupper(args[2]) else "2PL"
mxOption(NULL, "Number of Threads", 1)
X <- read.csv(args[1], check.names = FALSE); J <- ncol(X); colnames(X) <- paste0("i", seq_len(J))
dat <- as.data.frame(lapply(X, function(x) mxFactor(x, levels = 0:1)))
ip <- mxMatrix(name = "item", nrow = 2, ncol = J, values = c(1, 0), free = TRUE, dimnames = list(c("f1", "b"), colnames(X)))
if (model == "RASCH") { ip$free["f1", ] <- FALSE; ip$values["f1", ] <- 1 }
m <- mxModel("ref", ip, mxData(observed = dat, type = "raw"),
  mxExpectationBA81(ItemSpec = rep(list(rpf.grm(outcomes = 2)), J), qpoints = 61, qwidth = 6),
  mxFitFunctionML(),
  mxComputeSequence(list(mxComputeEM("expectation", "scores", mxComputeNewtonRaphson(), tolerance = 1e-9),
    mxComputeOnce("fitfunction", "information", "meat"), mxComputeStandardError())))
fit <- mxRun(m, silent = TRUE)
a <- fit$item$values["f1", ]; d <- fit$item$values["b", ]
se <- fit$output$standardErrors
grp <- as.IFAgroup(fit, minItemsPerScore = 1L); eap <- EAPscores(grp)
num <- function(v) paste0("[", paste(sprintf("%.10g", v), collapse = ","), "]")
cat(sprintf('{"engine":"OpenMx %s / rpf %s","model":"%s","quadrature":{"points":61,"range":[-6,6]},"logLik":%.10g,"a":%s,"d":%s,"b":%s,"se":%s,"eap":%s,"eap_sd":%s}\n',
  packageVersion("OpenMx"), packageVersion("rpf"), model, -fit$output$minimum/2, num(a), num(d), num(-d/a), num(se), num(eap[,1]), num(eap[,2])))
