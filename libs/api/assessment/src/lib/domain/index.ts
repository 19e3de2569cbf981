export * from './form-assembly';
export * from './responses';
export * from './rng';
export * from './scoring';
export * from './timing';
export * from './answer-shape';
export * from './delivery';
export * from './rubric';
