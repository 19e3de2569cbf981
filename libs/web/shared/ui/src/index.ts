export * from './lib/language-switch/language-switch';
export * from './lib/layout-shell/layout-shell';
export * from './lib/status-page/status-page';
export * from './lib/file-picker/file-picker';
export * from './lib/eligibility-verdict/eligibility-verdict';
export * from './lib/qr-code/qr-code';
