// Unit tests of the mesh viewer's vertex normals (mesh_normals.ts): two triangles at right angles
// (normals written out by hand), a vertex of no triangle, and agreement with three.js's own
// computeVertexNormals on a random mesh.
import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { vertexNormals } from '../src/plugins/mesh/mesh_normals';

const close = (actual: Float32Array, expected: number[]) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 6));
};

describe('vertexNormals', () => {
  it('averages the normals of the triangles around each vertex', () => {
    // v0 = origin, v1 = x, v2 = y, v3 = z; (v0, v1, v2) faces +z, (v0, v3, v1) faces +y; v4 is unused.
    const vertices = new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 5, 5, 5]);
    const faces = new Uint32Array([0, 1, 2, 0, 3, 1]);
    const s = Math.SQRT1_2;
    close(vertexNormals(vertices, faces), [0, s, s, 0, s, s, 0, 0, 1, 0, 1, 0, 0, 0, 0]);
  });

  it('weights each triangle by its area', () => {
    // The same two triangles, the +y one three times as large: the shared vertices lean towards +y.
    const vertices = new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 3]);
    const faces = new Uint32Array([0, 1, 2, 0, 3, 1]);
    const n = Math.sqrt(10);
    close(vertexNormals(vertices, faces).subarray(0, 3), [0, 3 / n, 1 / n]);
  });

  it('agrees with three.js on a random mesh', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const vertices = Float32Array.from({ length: 300 }, random);
    const faces = Uint32Array.from({ length: 600 }, () => Math.floor(((random() + 1) / 2) * 100) % 100);
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(vertices, 3));
    geometry.setIndex(new THREE.BufferAttribute(faces, 1));
    geometry.computeVertexNormals();
    close(vertexNormals(vertices, faces), Array.from(geometry.getAttribute('normal').array as Float32Array));
  });
});
