// The COCO 2017 instance categories. Annotation files use the original ids (1–90, with gaps left
// by categories that were planned but never annotated); detectors trained on COCO output the
// contiguous index 0–79 instead, which is the position in this id-ordered list.

export interface CocoCategory {
  id: number;
  name: string;
  supercategory: string;
}

const GROUPS: [supercategory: string, entries: [number, string][]][] = [
  ['person', [[1, 'person']]],
  ['vehicle', [[2, 'bicycle'], [3, 'car'], [4, 'motorcycle'], [5, 'airplane'], [6, 'bus'], [7, 'train'], [8, 'truck'], [9, 'boat']]],
  ['outdoor', [[10, 'traffic light'], [11, 'fire hydrant'], [13, 'stop sign'], [14, 'parking meter'], [15, 'bench']]],
  [
    'animal',
    [[16, 'bird'], [17, 'cat'], [18, 'dog'], [19, 'horse'], [20, 'sheep'], [21, 'cow'], [22, 'elephant'], [23, 'bear'], [24, 'zebra'], [25, 'giraffe']],
  ],
  ['accessory', [[27, 'backpack'], [28, 'umbrella'], [31, 'handbag'], [32, 'tie'], [33, 'suitcase']]],
  [
    'sports',
    [
      [34, 'frisbee'], [35, 'skis'], [36, 'snowboard'], [37, 'sports ball'], [38, 'kite'],
      [39, 'baseball bat'], [40, 'baseball glove'], [41, 'skateboard'], [42, 'surfboard'], [43, 'tennis racket'],
    ],
  ],
  ['kitchen', [[44, 'bottle'], [46, 'wine glass'], [47, 'cup'], [48, 'fork'], [49, 'knife'], [50, 'spoon'], [51, 'bowl']]],
  [
    'food',
    [[52, 'banana'], [53, 'apple'], [54, 'sandwich'], [55, 'orange'], [56, 'broccoli'], [57, 'carrot'], [58, 'hot dog'], [59, 'pizza'], [60, 'donut'], [61, 'cake']],
  ],
  ['furniture', [[62, 'chair'], [63, 'couch'], [64, 'potted plant'], [65, 'bed'], [67, 'dining table'], [70, 'toilet']]],
  ['electronic', [[72, 'tv'], [73, 'laptop'], [74, 'mouse'], [75, 'remote'], [76, 'keyboard'], [77, 'cell phone']]],
  ['appliance', [[78, 'microwave'], [79, 'oven'], [80, 'toaster'], [81, 'sink'], [82, 'refrigerator']]],
  ['indoor', [[84, 'book'], [85, 'clock'], [86, 'vase'], [87, 'scissors'], [88, 'teddy bear'], [89, 'hair drier'], [90, 'toothbrush']]],
];

/** The 80 categories, in id order (so the index in this list is the detectors' class index). */
export const COCO_CATEGORIES: CocoCategory[] = GROUPS.flatMap(([supercategory, entries]) =>
  entries.map(([id, name]) => ({ id, name, supercategory })),
);

/** Category names by detector class index 0–79 (0 person, 15 cat, 57 couch, 59 bed, …). */
export const COCO80_NAMES: string[] = COCO_CATEGORIES.map((c) => c.name);

const BY_ID = new Map(COCO_CATEGORIES.map((c) => [c.id, c.name]));
const INDEX_BY_ID = new Map(COCO_CATEGORIES.map((c, i) => [c.id, i]));

/** Name of an original COCO category id, or undefined for an id COCO does not use. */
export const cocoNameById = (id: number): string | undefined => BY_ID.get(id);

/** Detector class index (0–79) of an original COCO category id, or undefined. */
export const coco80IndexById = (id: number): number | undefined => INDEX_BY_ID.get(id);

/** Original COCO category id of a detector class index (0–79), or undefined. */
export const cocoIdByIndex = (index: number): number | undefined => COCO_CATEGORIES[index]?.id;
