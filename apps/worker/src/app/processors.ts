import { AppConfig, DispatchingProcessor, JobHandlerRegistry, QueueName } from '@boiduong/api-core';
import { Processor } from '@nestjs/bullmq';

/** One class per queue (BullMQ processors are bound to a queue by decorator); all dispatch by job name. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends DispatchingProcessor {
  constructor(registry: JobHandlerRegistry, config: AppConfig) {
    super(QueueName.Maintenance, registry, config);
  }
}

@Processor(QueueName.Assessment)
export class AssessmentProcessor extends DispatchingProcessor {
  constructor(registry: JobHandlerRegistry, config: AppConfig) {
    super(QueueName.Assessment, registry, config);
  }
}

@Processor(QueueName.Certification)
export class CertificationProcessor extends DispatchingProcessor {
  constructor(registry: JobHandlerRegistry, config: AppConfig) {
    super(QueueName.Certification, registry, config);
  }
}

@Processor(QueueName.Statistics)
export class StatisticsProcessor extends DispatchingProcessor {
  constructor(registry: JobHandlerRegistry, config: AppConfig) {
    super(QueueName.Statistics, registry, config);
  }
}
