// Smooth vertex normals of an indexed triangle mesh, on flat typed arrays: each vertex gets the sum
// of the (area-weighted, unnormalised) normals of the triangles around it, scaled to unit length;
// a vertex of no triangle, or whose triangles cancel out, keeps a zero normal. The same rule as
// three.js's BufferGeometry.computeVertexNormals, in one tight loop (several times faster at a
// million vertices, where three.js goes through a Vector3 per corner). Pure; any thread.

/** Normals (x, y, z per vertex) of `vertices` (x, y, z per vertex) under `faces` (three vertex
 * indices per triangle, counter-clockwise when seen from the front). Indices must be in range. */
export function vertexNormals(vertices: Float32Array, faces: Uint32Array): Float32Array {
  const normals = new Float32Array(vertices.length);
  for (let f = 0; f + 2 < faces.length; f += 3) {
    const a = faces[f] * 3;
    const b = faces[f + 1] * 3;
    const c = faces[f + 2] * 3;
    // (c - b) × (a - b)
    const cbx = vertices[c] - vertices[b];
    const cby = vertices[c + 1] - vertices[b + 1];
    const cbz = vertices[c + 2] - vertices[b + 2];
    const abx = vertices[a] - vertices[b];
    const aby = vertices[a + 1] - vertices[b + 1];
    const abz = vertices[a + 2] - vertices[b + 2];
    const nx = cby * abz - cbz * aby;
    const ny = cbz * abx - cbx * abz;
    const nz = cbx * aby - cby * abx;
    normals[a] += nx;
    normals[a + 1] += ny;
    normals[a + 2] += nz;
    normals[b] += nx;
    normals[b + 1] += ny;
    normals[b + 2] += nz;
    normals[c] += nx;
    normals[c + 1] += ny;
    normals[c + 2] += nz;
  }
  for (let i = 0; i < normals.length; i += 3) {
    const length = Math.sqrt(normals[i] * normals[i] + normals[i + 1] * normals[i + 1] + normals[i + 2] * normals[i + 2]);
    if (length > 0) {
      normals[i] /= length;
      normals[i + 1] /= length;
      normals[i + 2] /= length;
    }
  }
  return normals;
}
