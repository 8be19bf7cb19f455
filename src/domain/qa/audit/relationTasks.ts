// The relation tasks measured from marks and depth (measureRelation.ts), apart so that the
// measuring modules can name them without importing each other.
export const RELATION_TASKS: readonly string[] = ['obj_spatial_relation_oo', 'obj_spatial_relation_oc', 'spatial_imagination_oc', 'spatial_imagination_oo'];
