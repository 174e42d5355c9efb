// The 3D view of one mesh card: a three.js scene with orbit (left drag), pan (right drag or
// shift-drag), zoom (wheel) and a reset to the fitted view. The scene follows the summary's
// config (camera fov/near/far, lights, material class and parameters); vertex colours are used when
// present; a mesh without faces is drawn as points of an adjustable pixel size. Frames are drawn
// on demand (after a change or a camera move), not in a loop. A replaced object is disposed only
// after the next frame, so its successor (the full mesh after its preview) reuses the compiled
// program (three.js deletes a program when no material uses it; compiling costs seconds in
// software WebGL). UI thread only; the card owns the viewer and must call destroy().
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { MeshArrays, MeshConfig } from './mesh_data';
import { vertexNormals } from './mesh_normals';

/** Above this many triangles a viewer is made without multisampling: the triangles are then
 * smaller than a pixel, and without a GPU (SwiftShader) 4× multisampling about doubles the cost
 * of every frame. */
export const ANTIALIAS_MAX_TRIANGLES = 500_000;

const DEFAULT_LIGHTS: NonNullable<MeshConfig['lights']> = [
  { cls: 'AmbientLight', color: '#ffffff', intensity: 0.75 },
  { cls: 'DirectionalLight', color: '#ffffff', intensity: 0.75, position: [0, -1, 2] },
];
const MATERIALS: Record<string, new (p: object) => THREE.Material> = {
  MeshStandardMaterial: THREE.MeshStandardMaterial,
  MeshBasicMaterial: THREE.MeshBasicMaterial,
  MeshPhongMaterial: THREE.MeshPhongMaterial,
  MeshLambertMaterial: THREE.MeshLambertMaterial,
  MeshNormalMaterial: THREE.MeshNormalMaterial,
};

export class MeshViewer {
  readonly canvas: HTMLCanvasElement;
  /** Frames drawn so far (published on the canvas for tests). */
  frames = 0;
  /** Milliseconds of the last show() (geometry, normals) and of the last frame's render call. */
  showMs = 0;
  renderMs = 0;
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private camera = new THREE.PerspectiveCamera(75, 1, 0.01, 1000);
  private controls: OrbitControls;
  private object: THREE.Object3D | null = null;
  /** Objects replaced since the last frame: disposed after it (their programs stay cached). */
  private retired: THREE.Object3D[] = [];
  private lights: THREE.Light[] = [];
  private pointSize = 3;
  private framePending = false;
  private fitted: { position: THREE.Vector3; target: THREE.Vector3 } | null = null;

  private size = { width: 0, height: 0 };

  /** `antialias`: multisampling (see ANTIALIAS_MAX_TRIANGLES); fixed for the viewer's lifetime. */
  constructor(private readonly host: HTMLElement, onFrame?: () => void, antialias = true) {
    this.renderer = new THREE.WebGLRenderer({ antialias, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(window.devicePixelRatio || 1);
    this.canvas = this.renderer.domElement;
    this.canvas.classList.add('mesh-viewer__canvas');
    host.appendChild(this.canvas);
    this.controls = new OrbitControls(this.camera, this.canvas);
    this.controls.addEventListener('change', () => this.requestFrame());
    this.onFrame = onFrame;
    this.resize();
  }

  private readonly onFrame?: () => void;

  /** Fits the canvas to the host's width; draws again only when the size changed (a frame of a
   * large mesh costs seconds without a GPU, and the host's observer reports its first size too). */
  resize(): void {
    const width = Math.max(1, this.host.clientWidth);
    const height = Math.max(1, Math.round(width * 0.75));
    if (width === this.size.width && height === this.size.height) return;
    this.size = { width, height };
    this.renderer.setSize(width, height);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.requestFrame();
  }

  /** Shows `arrays` with `config`; keeps the camera when `keepView` (a step change). */
  show(arrays: MeshArrays, config: MeshConfig, dark: boolean, keepView: boolean): void {
    const started = performance.now();
    this.place(arrays, config, dark);
    const geometry = (this.object as THREE.Mesh | THREE.Points).geometry;
    geometry.computeBoundingSphere();
    if (!keepView || !this.fitted) this.fit(geometry.boundingSphere);
    this.showMs = performance.now() - started;
    this.requestFrame();
  }

  /** Replaces the object by one of `arrays` (the old one retired); sets background, camera, lights. */
  private place(arrays: MeshArrays, config: MeshConfig, dark: boolean): void {
    this.scene.background = new THREE.Color(dark ? 0x202124 : 0xf5f5f5);
    this.applyCamera(config);
    this.applyLights(config);
    if (this.object) {
      this.object.removeFromParent();
      this.retired.push(this.object);
    }
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(arrays.vertices, 3));
    if (arrays.colors) geometry.setAttribute('color', new THREE.BufferAttribute(arrays.colors, 3, true));
    if (arrays.faces) {
      geometry.setIndex(new THREE.BufferAttribute(arrays.faces, 1));
      geometry.setAttribute('normal', new THREE.BufferAttribute(vertexNormals(arrays.vertices, arrays.faces), 3));
      this.object = new THREE.Mesh(geometry, this.meshMaterial(config, arrays.colors !== null));
    } else {
      const size = config.material?.cls === 'PointsMaterial' ? config.material.size : undefined;
      if (typeof size === 'number' && size > 0) this.pointSize = size;
      this.object = new THREE.Points(
        geometry,
        new THREE.PointsMaterial({ size: this.pointSize, sizeAttenuation: false, vertexColors: arrays.colors !== null, color: arrays.colors ? 0xffffff : 0x1a73e8 }),
      );
    }
    this.scene.add(this.object);
  }

  get currentPointSize(): number {
    return this.pointSize;
  }

  get isPointCloud(): boolean {
    return this.object instanceof THREE.Points;
  }

  setPointSize(size: number): void {
    this.pointSize = size;
    if (this.object instanceof THREE.Points) {
      (this.object.material as THREE.PointsMaterial).size = size;
      this.requestFrame();
    }
  }

  /** Back to the view fitted to the mesh. */
  resetView(): void {
    if (!this.fitted) return;
    this.camera.position.copy(this.fitted.position);
    this.controls.target.copy(this.fitted.target);
    this.controls.update();
    this.requestFrame();
  }

  /** The camera position, for tests ("x,y,z" rounded). */
  cameraPosition(): string {
    return this.camera.position.toArray().map((v) => v.toFixed(3)).join(',');
  }

  destroy(): void {
    this.controls.dispose();
    if (this.object) disposeObject(this.object);
    for (const object of this.retired) disposeObject(object);
    this.retired = [];
    this.renderer.dispose();
    this.canvas.remove();
  }

  private requestFrame(): void {
    if (this.framePending) return;
    this.framePending = true;
    requestAnimationFrame(() => {
      this.framePending = false;
      const started = performance.now();
      this.renderer.render(this.scene, this.camera);
      this.renderMs = performance.now() - started;
      for (const object of this.retired) disposeObject(object);
      this.retired = [];
      // Nothing shown yet (a resize before the first show()): not a frame of the mesh.
      if (!this.object) return;
      this.frames++;
      this.canvas.dataset.frames = String(this.frames);
      this.canvas.dataset.camera = this.cameraPosition();
      this.onFrame?.();
    });
  }

  private applyCamera(config: MeshConfig): void {
    const c = config.camera ?? {};
    if (typeof c.fov === 'number') this.camera.fov = c.fov;
    if (typeof c.near === 'number') this.camera.near = c.near;
    if (typeof c.far === 'number') this.camera.far = c.far;
    this.camera.updateProjectionMatrix();
  }

  private applyLights(config: MeshConfig): void {
    for (const light of this.lights) this.scene.remove(light);
    this.lights = [];
    const specs = Array.isArray(config.lights) && config.lights.length > 0 ? config.lights : DEFAULT_LIGHTS;
    for (const spec of specs) {
      const color = new THREE.Color(spec.color ?? '#ffffff');
      const intensity = typeof spec.intensity === 'number' ? spec.intensity : 1;
      let light: THREE.Light;
      if (spec.cls === 'DirectionalLight') light = new THREE.DirectionalLight(color, intensity);
      else if (spec.cls === 'PointLight') light = new THREE.PointLight(color, intensity);
      else if (spec.cls === 'HemisphereLight') light = new THREE.HemisphereLight(color, 0x444444, intensity);
      else light = new THREE.AmbientLight(color, intensity);
      if (Array.isArray(spec.position) && spec.position.length === 3) light.position.set(spec.position[0], spec.position[1], spec.position[2]);
      // Lights with a position move with the camera, so the lit side stays in view.
      if (light instanceof THREE.DirectionalLight || light instanceof THREE.PointLight) this.camera.add(light);
      else this.scene.add(light);
      this.lights.push(light);
    }
    if (!this.camera.parent) this.scene.add(this.camera);
  }

  private meshMaterial(config: MeshConfig, vertexColors: boolean): THREE.Material {
    const { cls, ...params } = config.material ?? {};
    const Material = MATERIALS[cls ?? ''] ?? THREE.MeshStandardMaterial;
    const known: Record<string, unknown> = { side: THREE.DoubleSide, vertexColors };
    if (!vertexColors) known.color = 0x1a73e8;
    for (const [key, value] of Object.entries(params)) {
      if (['color', 'roughness', 'metalness', 'opacity', 'transparent', 'wireframe', 'flatShading', 'shininess', 'emissive'].includes(key)) known[key] = value;
    }
    return new Material(known);
  }

  private fit(sphere: THREE.Sphere | null): void {
    const center = sphere?.center ?? new THREE.Vector3();
    const radius = sphere && Number.isFinite(sphere.radius) && sphere.radius > 0 ? sphere.radius : 1;
    const distance = radius / Math.sin(THREE.MathUtils.degToRad(this.camera.fov / 2));
    const position = center.clone().add(new THREE.Vector3(0, 0, distance * 1.1));
    this.camera.near = Math.min(this.camera.near, distance / 100);
    this.camera.far = Math.max(this.camera.far, distance * 10);
    this.camera.updateProjectionMatrix();
    this.fitted = { position, target: center.clone() };
    this.resetView();
  }
}

function disposeObject(object: THREE.Object3D): void {
  if (object instanceof THREE.Mesh || object instanceof THREE.Points) {
    object.geometry.dispose();
    (object.material as THREE.Material).dispose();
  }
}
