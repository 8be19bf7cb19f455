// Every task the generator knows, SPAR first, then HiSpatial by level.
import type { TaskDef } from '../task';
import { HISPATIAL_TASKS } from './hispatial';
import { SPAR_TASKS } from './spar';

export const TASKS: TaskDef[] = [...SPAR_TASKS, ...HISPATIAL_TASKS];
export const TASK_BY_ID = new Map(TASKS.map((t) => [t.id, t]));
