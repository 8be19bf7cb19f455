// spatial-lens: the command line over the app's domain code: lift photos to scenes, generate QA
// items from scenes, score a model's answers against items, audit item sets.
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { isUserError } from '../domain/errors';
import { SCENE_KINDS, type SceneKindChoice } from '../domain/lifting/plausibility';
import { TASKS } from '../domain/qa/generate/tasks';
import { AUDIT_USAGE, auditCommand } from './audit';
import { liftCommand } from './lift';
import { MODELS_USAGE, catalogueModel, modelsCommand, modelsContext } from './models';
import { qaCommand } from './qa';
import { SCORE_USAGE, scoreCommand } from './score';

const LIFT_USAGE = `Usage:
  spatial-lens lift <images or folders…> [--depth <file|dir> --depth-scale N] [--intrinsics K.json | --fov DEG]
                    [--model ID|path.onnx[:family]]… [--pull] [--cache DIR] [--annotations coco.json] [--scene-kind KIND] [--out DIR] [--shard i/n] [--threads N]

  Writes <name>.ply (binary, world frame, z up, metres) and <name>.scene.json per image into --out
  (default ./lifted) and prints one JSON line per image. Each lift is checked against the size of
  scenes of its kind (camera height, median depth, extent); an implausible one gets a "warnings"
  entry naming the depth scale that makes it plausible ("warnings" is [] when all is well).
  --depth        a 16-bit depth PNG (one image) or a folder of them (matched by name or number)
  --depth-scale  depth-map units per metre (1000 for millimetres, 5000 TUM, 256 KITTI); default: each
                 image's depth_scale in a Metric3D annotation file given as --intrinsics, else 1000
  --intrinsics   {"fx","fy","cx","cy"}, Open3D camera JSON, Metric3D cam_in, or a 3×3 "K"
  --fov          horizontal field of view in degrees, for every image
  --model        a catalogue id (spatial-lens models list), an id from models/manifest.json or an .onnx
                 path; repeat for relative + metric
  --pull         download a catalogue model given to --model if it is not cached yet
  --cache, --catalogue  the model cache folder and catalogue file (as for spatial-lens models)
  --annotations  a COCO instances file: each image's annotations are lifted to 3D boxes in its scene file
  --scene-kind   indoor, outdoor or tabletop: what the plausibility check compares with (default: inferred)
  --shard        i/n: process only images whose index ≡ i (mod n), for any job runner`;

const QA_USAGE = `Usage:
  spatial-lens qa <scene.json or folders…> [--tasks a,b] [--formats fill,select,sentence,judge]
                  [--per-scene N] [--seed S] [--out qa.jsonl] [--spar7m DIR] [--marked DIR [--images DIR]]
                  [--no-points] [--shard i/n]

  Generates QA items (SPAR task families, HiSpatial levels) from scene files into one JSONL file and
  prints per-task counts and answer balance. The same scenes and seed give the same items.
  --tasks      task ids (default all): ${TASKS.map((t) => t.id).join(', ')}
  --formats    default all four
  --per-scene  items per scene, spread over tasks and formats (default 100)
  --seed       default 0
  --spar7m     also write the items in SPAR-7M's training layout (qa_jsonl/train/<task>/<format>/)
  --marked     also write each item's photo with its marks drawn (photos from --images or beside the scene)
  --no-points  do not read the scenes' point clouds (pixel-level tasks need them)`;

/** Each command's own help, printed by `spatial-lens <command> --help` and `spatial-lens help <command>`. */
const COMMAND_USAGE = new Map<string, string>([
  ['lift', LIFT_USAGE],
  ['qa', QA_USAGE],
  ['score', SCORE_USAGE],
  ['audit', AUDIT_USAGE],
  ['models', MODELS_USAGE],
]);

const USAGE = `spatial-lens <command> [options]   (spatial-lens <command> --help for one command)

${[...COMMAND_USAGE.values()].map((u) => u.replace(/^Usage:\n/, '')).join('\n\n')}`;

const isHelp = (a: string) => a === '--help' || a === '-h';

/** The usage to print when the command line asks for help (anywhere before a bare `--`), else null. */
export function helpFor(argv: readonly string[]): string | null {
  const [command, ...rest] = argv;
  if (command === undefined || isHelp(command)) return USAGE;
  if (command === 'help') return rest[0] === undefined ? USAGE : (COMMAND_USAGE.get(rest[0]) ?? null);
  const end = rest.indexOf('--');
  if (!(end < 0 ? rest : rest.slice(0, end)).some(isHelp)) return null;
  return COMMAND_USAGE.get(command) ?? USAGE;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    console.log(USAGE);
    return 2;
  }
  if (command === 'help' && rest[0] !== undefined && !COMMAND_USAGE.has(rest[0])) {
    console.error(`spatial-lens help: unknown command "${rest[0]}" (commands: ${[...COMMAND_USAGE.keys()].join(', ')})`);
    return 2;
  }
  const help = helpFor(argv);
  if (help !== null) {
    console.log(help);
    return 0;
  }
  if (command === 'score') return scoreCommand(rest);
  if (command === 'audit') return auditCommand(rest);
  if (command === 'qa') return qa(rest);
  if (command === 'models') return modelsCommand(rest);
  if (command !== 'lift') {
    console.error(`spatial-lens: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  const args = parseOr('lift', rest, {
    depth: { type: 'string' },
    'depth-scale': { type: 'string' },
    intrinsics: { type: 'string' },
    fov: { type: 'string' },
    model: { type: 'string', multiple: true },
    pull: { type: 'boolean', default: false },
    cache: { type: 'string' },
    catalogue: { type: 'string' },
    out: { type: 'string', default: 'lifted' },
    shard: { type: 'string' },
    threads: { type: 'string' },
    annotations: { type: 'string' },
    'scene-kind': { type: 'string' },
  });
  if (!args) return 2;
  const v = args.values;
  const num = (name: string, s: string | undefined, positive = true) => {
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isFinite(n) || (positive && n <= 0)) throw new Error(`--${name} must be a positive number (found "${s}")`);
    return n;
  };
  try {
    if (!args.positionals.length) throw new Error('give at least one image or folder');
    if (v.intrinsics && v.fov) throw new Error('give --intrinsics or --fov, not both');
    const fov = num('fov', v.fov);
    if (fov !== undefined && fov >= 180) throw new Error('--fov must be under 180 degrees');
    const sceneKind = v['scene-kind'];
    if (sceneKind !== undefined && !(['auto', ...SCENE_KINDS] as string[]).includes(sceneKind)) throw new Error(`--scene-kind must be one of auto, ${SCENE_KINDS.join(', ')} (found "${sceneKind}")`);
    const { failed } = await liftCommand({
      inputs: args.positionals,
      depth: v.depth,
      depthScale: num('depth-scale', v['depth-scale']),
      intrinsics: v.intrinsics,
      fov,
      models: v.model ?? [],
      catalogueModel: (id: string) => catalogueModel(modelsContext({ cache: v.cache, catalogue: v.catalogue }), id, !!v.pull, (l) => console.error(l)),
      out: v.out!,
      shard: v.shard,
      threads: num('threads', v.threads),
      annotations: v.annotations,
      sceneKind: sceneKind as SceneKindChoice | undefined,
    });
    return failed ? 1 : 0;
  } catch (e) {
    console.error(`spatial-lens lift: ${(e as Error).message}`);
    // a file that cannot be used is a failed run (1); a mistake in the command line is a usage error (2)
    return isUserError(e) ? 1 : 2;
  }
}

/** The command's options, or null after saying what was wrong with them. */
function parseOr<O extends ParseArgsOptionsConfig>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (e) {
    console.error(`spatial-lens ${command}: ${(e as Error).message}\n\n${COMMAND_USAGE.get(command) ?? USAGE}`);
    return null;
  }
}

async function qa(rest: string[]): Promise<number> {
  const args = parseOr('qa', rest, {
    tasks: { type: 'string' },
    formats: { type: 'string' },
    'per-scene': { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string', default: 'qa.jsonl' },
    spar7m: { type: 'string' },
    marked: { type: 'string' },
    images: { type: 'string' },
    'no-points': { type: 'boolean', default: false },
    shard: { type: 'string' },
  });
  if (!args) return 2;
  const v = args.values;
  const list = (s?: string) => s?.split(',').map((x) => x.trim()).filter(Boolean);
  const int = (name: string, s: string | undefined, min: number) => {
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min} (found "${s}")`);
    return n;
  };
  try {
    if (!args.positionals.length) throw new Error('give at least one scene file or folder');
    const { items, failed } = await qaCommand({
      inputs: args.positionals,
      tasks: list(v.tasks),
      formats: list(v.formats),
      perScene: int('per-scene', v['per-scene'], 1),
      seed: int('seed', v.seed, 0),
      out: v.out!,
      spar7m: v.spar7m,
      marked: v.marked,
      images: v.images,
      points: !v['no-points'],
      shard: v.shard,
    });
    return failed || !items ? 1 : 0;
  } catch (e) {
    console.error(`spatial-lens qa: ${isUserError(e) ? e.message : (e as Error).message}`);
    return 2;
  }
}

const invokedDirectly = process.argv[1] && /spatial-lens(\.js)?$|cli[\\/]main\.ts$/.test(process.argv[1]);
if (invokedDirectly) process.exitCode = await main(process.argv.slice(2));
