/** Building blocks of level-triggered controllers: the loop of passes, and one piece of work per key. */
export { createControlLoop } from './control-loop';
export type { ControlLoop, ControlLoopOptions } from './control-loop';
export { createKeyedSerializer } from './keyed-serializer';
export type { KeyedSerializer } from './keyed-serializer';
