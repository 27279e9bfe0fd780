/** A level-triggered control loop: passes on a timer and on nudges, never overlapping. */
export { createControlLoop } from './control-loop';
export type { ControlLoop, ControlLoopOptions } from './control-loop';
