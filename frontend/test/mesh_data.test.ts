import { describe, expect, it } from 'vitest';
import { COLOR, FACE, VERTEX, decodeMesh, groupSteps, stepProblem } from '../src/plugins/mesh/mesh_data';

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
