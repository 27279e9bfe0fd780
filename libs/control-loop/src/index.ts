/** Building blocks of level-triggered controllers: the loop of passes, one piece of work per key, the work queue. */
export { createControlLoop } from './control-loop';
export type { ControlLoop, ControlLoopOptions } from './control-loop';
export { createKeyedSerializer } from './keyed-serializer';
export type { KeyedSerializer } from './keyed-serializer';
export { WorkQueue } from './work-queue';
export type { WorkQueueOptions } from './work-queue';
