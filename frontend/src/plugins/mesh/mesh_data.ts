// The mesh plugin's data: the per-step component listing of `data/plugin/mesh/meshes`, grouped by
// step, and the binary arrays of `data/plugin/mesh/data` (little-endian float32 vertices, int32
// faces, uint8 colours) decoded and checked, so a damaged mesh becomes an error message for its
// card rather than a broken scene. Pure apart from the fetches; UI thread.
import { apiUrl, getArrayBuffer, getJson } from '../../api/client';
import { takeEarly } from './early_arrays';

export const VERTEX = 1;
export const FACE = 2;
export const COLOR = 3;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const NAMES: Record<number, string> = { [VERTEX]: 'VERTEX', [FACE]: 'FACE', [COLOR]: 'COLOR' };

/** One component of one step, as `meshes` lists it. */
export interface MeshEntry {
  wall_time: number;
  step: number;
  content_type: number;
  components: number;
  config: string;
  data_shape: number[];
}

/** The components written at one step. */
export interface MeshStep {
  step: number;
  wallTime: number;
  /** Bitmask of every component the mesh has (bit `content_type`). */
  components: number;
  /** Content types present at this step. */
  present: Set<number>;
  /** The scene configuration (three.js camera, lights, material), parsed. */
  config: MeshConfig;
  /** Vertices per sample, from the VERTEX component's shape (0 when unknown). */
  vertexCount: number;
}

export interface MeshConfig {
  camera?: { cls?: string; fov?: number; near?: number; far?: number };
  lights?: { cls?: string; color?: string | number; intensity?: number; position?: number[] }[];
  material?: { cls?: string; [key: string]: unknown };
}

export interface MeshArrays {
  vertices: Float32Array;
  /** Vertex indices, three per triangle; null for a point cloud. */
  faces: Uint32Array | null;
  /** RGB per vertex, 0–255; null for none. */
  colors: Uint8Array | null;
}

function parseConfig(text: string): MeshConfig {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as MeshConfig) : {};
  } catch {
    return {};
  }
}

/** The steps of a mesh in ascending order, each with the components written at it. */
export function groupSteps(entries: readonly MeshEntry[]): MeshStep[] {
  const byStep = new Map<number, MeshStep>();
  for (const entry of entries) {
    let step = byStep.get(entry.step);
    if (!step) {
      step = { step: entry.step, wallTime: entry.wall_time, components: entry.components, present: new Set(), config: parseConfig(entry.config), vertexCount: 0 };
      byStep.set(entry.step, step);
    }
    if (entry.content_type === VERTEX) step.vertexCount = entry.data_shape?.[1] ?? 0;
    step.present.add(entry.content_type);
    step.components |= entry.components;
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/** Why the components of `step` cannot form a mesh, or null when they agree. */
export function stepProblem(step: MeshStep): string | null {
  if (!step.present.has(VERTEX)) return `Step ${step.step} has no vertices.`;
  for (const type of [FACE, COLOR]) {
    if (step.components & (1 << type) && !step.present.has(type)) {
      return `Step ${step.step} has no ${NAMES[type]} data, although the mesh has that component at other steps.`;
    }
  }
  return null;
}

/** Decodes and checks the arrays of one step; throws an Error saying what is wrong. */
export function decodeMesh(vertexBytes: ArrayBuffer, faceBytes: ArrayBuffer | null, colorBytes: ArrayBuffer | null): MeshArrays {
  if (vertexBytes.byteLength % 12 !== 0) throw new Error(`Vertex data of ${vertexBytes.byteLength} bytes is not a list of 3D points.`);
  let vertices: Float32Array;
  if (LITTLE_ENDIAN) {
    vertices = new Float32Array(vertexBytes);
  } else {
    const view = new DataView(vertexBytes);
    vertices = new Float32Array(vertexBytes.byteLength / 4);
    for (let i = 0; i < vertices.length; i++) vertices[i] = view.getFloat32(i * 4, true);
  }
  const vertexCount = vertices.length / 3;
  let faces: Uint32Array | null = null;
  if (faceBytes && faceBytes.byteLength > 0) {
    if (faceBytes.byteLength % 12 !== 0) throw new Error(`Face data of ${faceBytes.byteLength} bytes is not a list of triangles.`);
    let indices: Int32Array;
    if (LITTLE_ENDIAN) {
      indices = new Int32Array(faceBytes);
    } else {
      const faceView = new DataView(faceBytes);
      indices = new Int32Array(faceBytes.byteLength / 4);
      for (let i = 0; i < indices.length; i++) indices[i] = faceView.getInt32(i * 4, true);
    }
    for (let i = 0; i < indices.length; i++) {
      const index = indices[i];
      if (index < 0 || index >= vertexCount) {
        throw new Error(`Face ${Math.floor(i / 3)} refers to vertex ${index}, but the mesh has ${vertexCount} vertices.`);
      }
    }
    // Every index is in [0, vertexCount): the same bits read as unsigned.
    faces = new Uint32Array(indices.buffer, indices.byteOffset, indices.length);
  }
  let colors: Uint8Array | null = null;
  if (colorBytes && colorBytes.byteLength > 0) {
    if (colorBytes.byteLength !== vertexCount * 3) {
      throw new Error(`There are ${colorBytes.byteLength / 3} colours for ${vertexCount} vertices.`);
    }
    colors = new Uint8Array(colorBytes);
  }
  return { vertices, faces, colors };
}

export function meshesUrl(run: string, tag: string): string {
  return apiUrl('data/plugin/mesh/meshes', { run, tag, sample: 0 });
}

export function fetchMeshEntries(run: string, tag: string, signal?: AbortSignal): Promise<MeshEntry[]> {
  return getJson<MeshEntry[]>(meshesUrl(run, tag), signal);
}

export function componentUrl(run: string, tag: string, step: number, sample: number, type: number): string {
  return apiUrl('data/plugin/mesh/data', { run, tag, sample, content_type: NAMES[type], step });
}

async function fetchComponent(run: string, tag: string, step: number, sample: number, type: number, signal?: AbortSignal): Promise<ArrayBuffer> {
  const url = componentUrl(run, tag, step, sample, type);
  // Started when the tab opened (prefetch.ts); a failed early fetch is simply made again.
  const early = takeEarly(url);
  if (early) {
    const body = await early.catch(() => null);
    signal?.throwIfAborted();
    if (body) return body;
  }
  return getArrayBuffer(url, signal);
}

/** The checked arrays of sample `sample` (0-based) of `step`. */
export async function loadMeshStep(run: string, tag: string, step: MeshStep, sample: number, signal?: AbortSignal): Promise<MeshArrays> {
  const problem = stepProblem(step);
  if (problem) throw new Error(problem);
  const [vertices, faces, colors] = await Promise.all([
    fetchComponent(run, tag, step.step, sample, VERTEX, signal),
    step.present.has(FACE) ? fetchComponent(run, tag, step.step, sample, FACE, signal) : Promise.resolve(null),
    step.present.has(COLOR) ? fetchComponent(run, tag, step.step, sample, COLOR, signal) : Promise.resolve(null),
  ]);
  return decodeMesh(vertices, faces, colors);
}

/** From this many vertices on, a card draws the mesh's coarse preview first (the /preview route)
 * while the full arrays download. */
export const PREVIEW_MIN_VERTICES = 100_000;

/** Whether `step` is drawn first as its preview. */
export function wantsPreview(step: MeshStep): boolean {
  return step.vertexCount >= PREVIEW_MIN_VERTICES && !stepProblem(step);
}

export function previewUrl(run: string, tag: string, step: number, sample: number): string {
  return apiUrl('data/plugin/mesh/preview', { run, tag, sample, step });
}

/** A coarse level of detail and the triangle count of the mesh it stands for. */
export interface MeshPreview {
  arrays: MeshArrays;
  fullTriangles: number;
}

/** Decodes the /preview route's body (plugins/mesh/http_api.md); throws an Error when it does not
 * hold what its header says. */
export function decodePreview(bytes: ArrayBuffer): MeshPreview {
  if (bytes.byteLength < 16) throw new Error(`A preview of ${bytes.byteLength} bytes has no header.`);
  const header = new DataView(bytes, 0, 16);
  const vertexCount = header.getUint32(0, true);
  const triangles = header.getUint32(4, true);
  const hasColors = (header.getUint32(8, true) & 1) === 1;
  const fullTriangles = header.getUint32(12, true);
  const expected = 16 + vertexCount * 12 + triangles * 12 + (hasColors ? vertexCount * 3 : 0);
  if (bytes.byteLength !== expected) throw new Error(`A preview of ${bytes.byteLength} bytes, but its header says ${expected}.`);
  const vertexBytes = bytes.slice(16, 16 + vertexCount * 12);
  const faceBytes = bytes.slice(16 + vertexCount * 12, 16 + vertexCount * 12 + triangles * 12);
  const colorBytes = hasColors ? bytes.slice(16 + vertexCount * 12 + triangles * 12) : null;
  // Indices are below 2^31 (a vertex count that fits the body), so int32 reads them as they are.
  return { arrays: decodeMesh(vertexBytes, triangles > 0 ? faceBytes : null, colorBytes), fullTriangles };
}

/** The preview of sample `sample` of `step`. */
export async function loadMeshPreview(run: string, tag: string, step: MeshStep, sample: number, signal?: AbortSignal): Promise<MeshPreview> {
  const url = previewUrl(run, tag, step.step, sample);
  const early = takeEarly(url);
  const body = early ? await early.catch(() => null) : null;
  signal?.throwIfAborted();
  return decodePreview(body ?? (await getArrayBuffer(url, signal)));
}
