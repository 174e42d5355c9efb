import { describe, expect, it } from 'vitest';
import { COLOR, FACE, PREVIEW_MIN_VERTICES, VERTEX, decodeMesh, decodePreview, groupSteps, stepProblem, wantsPreview } from '../src/plugins/mesh/mesh_data';

function floats(values: number[]): ArrayBuffer {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return view.buffer;
}
function ints(values: number[]): ArrayBuffer {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((v, i) => view.setInt32(i * 4, v, true));
  return view.buffer;
}
const TRIANGLE = floats([0, 0, 0, 1, 0, 0, 0, 1.5, 0]);

describe('decodeMesh', () => {
  it('reads little-endian float32 vertices, int32 faces and uint8 colours', () => {
    const mesh = decodeMesh(TRIANGLE, ints([0, 1, 2]), new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255]).buffer);
    expect(Array.from(mesh.vertices)).toEqual([0, 0, 0, 1, 0, 0, 0, 1.5, 0]);
    expect(Array.from(mesh.faces!)).toEqual([0, 1, 2]);
    expect(Array.from(mesh.colors!)).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255]);
  });

  it('treats a mesh without faces as a point cloud', () => {
    const mesh = decodeMesh(TRIANGLE, null, null);
    expect(mesh.faces).toBeNull();
    expect(mesh.colors).toBeNull();
  });

  it('rejects faces pointing past the vertices, or below zero', () => {
    expect(() => decodeMesh(TRIANGLE, ints([0, 1, 3]), null)).toThrow('Face 0 refers to vertex 3, but the mesh has 3 vertices.');
    expect(() => decodeMesh(TRIANGLE, ints([0, 1, 2, -1, 0, 1]), null)).toThrow('Face 1 refers to vertex -1');
  });

  it('rejects truncated arrays and colours that do not match the vertices', () => {
    expect(() => decodeMesh(floats([0, 0]), null, null)).toThrow('not a list of 3D points');
    expect(() => decodeMesh(TRIANGLE, ints([0, 1]), null)).toThrow('not a list of triangles');
    expect(() => decodeMesh(TRIANGLE, null, new Uint8Array([1, 2, 3]).buffer)).toThrow('1 colours for 3 vertices');
  });
});

describe('groupSteps and stepProblem', () => {
  const entry = (step: number, type: number, components = (1 << VERTEX) | (1 << FACE)) => ({
    wall_time: 100 + step,
    step,
    content_type: type,
    components,
    config: '{"camera": {"fov": 60}}',
    data_shape: [1, 3, 3],
  });

  it('groups components by step in ascending order with the parsed config', () => {
    const steps = groupSteps([entry(2, VERTEX), entry(0, VERTEX), entry(0, FACE), entry(2, FACE)]);
    expect(steps.map((s) => s.step)).toEqual([0, 2]);
    expect([...steps[0].present].sort()).toEqual([VERTEX, FACE]);
    expect(steps[0].config.camera?.fov).toBe(60);
    expect(stepProblem(steps[0])).toBeNull();
  });

  it('reports a step whose components disagree with the mesh', () => {
    const [step] = groupSteps([entry(3, VERTEX)]);
    expect(stepProblem(step)).toBe('Step 3 has no FACE data, although the mesh has that component at other steps.');
    const [noVertices] = groupSteps([entry(4, COLOR, 1 << COLOR)]);
    expect(stepProblem(noVertices)).toBe('Step 4 has no vertices.');
  });

  it('survives a config that is not JSON', () => {
    const [step] = groupSteps([{ ...entry(0, VERTEX, 1 << VERTEX), config: '{oops' }]);
    expect(step.config).toEqual({});
  });
});

/** A /preview body written by hand (plugins/mesh/http_api.md). */
function previewBody(header: number[], vertices: number[], faces: number[], colours: number[]): ArrayBuffer {
  const bytes = new Uint8Array(16 + vertices.length * 4 + faces.length * 4 + colours.length);
  const view = new DataView(bytes.buffer);
  header.forEach((v, i) => view.setUint32(i * 4, v, true));
  vertices.forEach((v, i) => view.setFloat32(16 + i * 4, v, true));
  faces.forEach((v, i) => view.setUint32(16 + vertices.length * 4 + i * 4, v, true));
  bytes.set(colours, 16 + vertices.length * 4 + faces.length * 4);
  return bytes.buffer;
}

describe('decodePreview', () => {
  it('reads the header, vertices, triangles and colours', () => {
    const preview = decodePreview(previewBody([3, 1, 1, 2000], [0, 0, 0, 1, 0, 0, 0, 2, 0], [0, 1, 2], [9, 8, 7, 6, 5, 4, 3, 2, 1]));
    expect(preview.fullTriangles).toBe(2000);
    expect(Array.from(preview.arrays.vertices)).toEqual([0, 0, 0, 1, 0, 0, 0, 2, 0]);
    expect(Array.from(preview.arrays.faces!)).toEqual([0, 1, 2]);
    expect(Array.from(preview.arrays.colors!)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('gives a point cloud without triangles or colours', () => {
    const preview = decodePreview(previewBody([2, 0, 0, 0], [0, 0, 0, 1, 1, 1], [], []));
    expect(preview.arrays.faces).toBeNull();
    expect(preview.arrays.colors).toBeNull();
  });

  it('rejects a body that disagrees with its header or an index past the vertices', () => {
    expect(() => decodePreview(new ArrayBuffer(8))).toThrow(/no header/);
    expect(() => decodePreview(previewBody([3, 1, 0, 1], [0, 0, 0, 1, 0, 0], [0, 1, 2], []))).toThrow(/header says/);
    expect(() => decodePreview(previewBody([2, 1, 0, 1], [0, 0, 0, 1, 0, 0], [0, 1, 2], []))).toThrow(/refers to vertex 2/);
  });
});

describe('wantsPreview', () => {
  const entry = (vertices: number) => ({ wall_time: 1, step: 0, content_type: VERTEX, components: 2, config: '', data_shape: [1, vertices, 3] });
  it('asks for a preview from PREVIEW_MIN_VERTICES vertices on', () => {
    expect(groupSteps([entry(1234)])[0].vertexCount).toBe(1234);
    expect(wantsPreview(groupSteps([entry(PREVIEW_MIN_VERTICES)])[0])).toBe(true);
    expect(wantsPreview(groupSteps([entry(PREVIEW_MIN_VERTICES - 1)])[0])).toBe(false);
  });
});
