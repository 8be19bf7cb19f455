// Every task the generator knows: SPAR single-view, SPAR multi-view, then HiSpatial by level.
import type { TaskDef } from '../task';
import { HISPATIAL_TASKS } from './hispatial';
import { SPAR_TASKS } from './spar';
import { SPAR_MV_TASKS } from './sparMultiView';

export const TASKS: TaskDef[] = [...SPAR_TASKS, ...SPAR_MV_TASKS, ...HISPATIAL_TASKS];
export const TASK_BY_ID = new Map(TASKS.map((t) => [t.id, t]));
