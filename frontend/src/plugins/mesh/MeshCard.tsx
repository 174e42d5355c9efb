// One mesh card: the mesh of one tag of one run at the step chosen with the slider and the sample
// chosen with the sample selector (shown when the summary holds several), drawn by a MeshViewer
// (orbit, pan, zoom, reset; points with a size control for point clouds). A large mesh is drawn
// first as its coarse preview (the /preview route), replaced by the full mesh when its arrays have
// arrived and the preview's frame is on screen. A step whose components disagree or whose faces
// point past its vertices shows an error in this card only.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { StepCard } from '../../charts/StepCard';
import { useStepSlider } from '../../charts/StepSlider';
import { useCardFetch } from '../../charts/card_fetch';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useStore } from '../../state/store';
import { type MeshArrays, fetchMeshEntries, groupSteps, loadMeshPreview, loadMeshStep, wantsPreview } from './mesh_data';
import { ANTIALIAS_MAX_TRIANGLES, MeshViewer } from './mesh_viewer';
import './mesh.css';

/** How long the full mesh waits at most for its preview's frame to reach the screen (ms). */
const PREVIEW_WAIT_MS = 1500;

/** What the viewer shows: the full arrays of a step, or its preview standing for a mesh of
 * `triangles` triangles. */
interface Shown {
  step: number;
  sample: number;
  arrays: MeshArrays;
  preview: boolean;
  triangles: number;
}

export function MeshCard({ app, card }: { app: AppServices; card: RunTagCard }) {
  const { run, tag } = card;
  const cardRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<MeshViewer | null>(null);
  const refresh = useStore(app.data, (d) => d.refresh);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');
  const { data: entries, error } = useCardFetch(cardRef, (signal) => fetchMeshEntries(run, tag, signal), [run, tag, refresh]);
  const steps = useMemo(() => groupSteps(entries ?? []), [entries]);
  const stepNumbers = useMemo(() => steps.map((s) => s.step), [steps]);
  const wallTimes = useMemo(() => steps.map((s) => s.wallTime), [steps]);
  const slider = useStepSlider(stepNumbers, wallTimes);
  const current = slider.index >= 0 ? steps[slider.index] : undefined;
  const samples = Math.max(1, card.info.samples);
  const [sample, setSample] = useState(0);
  const [shown, setShown] = useState<Shown | null>(null);
  // What the viewer drew last (its frame callback reads it), and whether that was a preview.
  const drawnRef = useRef<Shown | null>(null);
  const [meshError, setMeshError] = useState<string | null>(null);
  const [pointSize, setPointSize] = useState(3);
  const [isPointCloud, setIsPointCloud] = useState(false);
  /** Settles the wait of the full mesh for its preview's frame (see the loading effect). */
  const previewPresented = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!current) return undefined;
    const controller = new AbortController();
    const started = performance.now();
    if (cardRef.current) cardRef.current.dataset.requestedAt = started.toFixed(0);
    let fullArrived = false;
    // Once the preview is handed to the viewer: settles when its frame is on screen, or after
    // PREVIEW_WAIT_MS (animation frames stop in a hidden tab).
    let previewOnScreen: Promise<void> | null = null;
    if (wantsPreview(current)) {
      loadMeshPreview(run, tag, current, sample, controller.signal)
        .then(({ arrays, fullTriangles }) => {
          if (fullArrived || controller.signal.aborted) return;
          if (cardRef.current) cardRef.current.dataset.previewLoadedAt = performance.now().toFixed(0);
          previewOnScreen = new Promise<void>((resolve) => {
            previewPresented.current = resolve;
            setTimeout(resolve, PREVIEW_WAIT_MS);
          });
          setShown({ step: current.step, sample, arrays, preview: true, triangles: fullTriangles });
        })
        // Without a preview the full mesh simply comes later (and reports what is wrong with it).
        .catch(() => undefined);
    }
    loadMeshStep(run, tag, current, sample, controller.signal)
      .then(async (arrays) => {
        fullArrived = true;
        // Published for the benchmark: fetching and checking the arrays of the step.
        if (cardRef.current) {
          cardRef.current.dataset.loadMs = (performance.now() - started).toFixed(0);
          cardRef.current.dataset.loadedAt = performance.now().toFixed(0);
        }
        // The full mesh's normals and upload (long main-thread work) wait until the preview's
        // frame has reached the screen, so they never hold it back.
        if (previewOnScreen) await previewOnScreen;
        if (controller.signal.aborted) return;
        const triangles = arrays.faces ? arrays.faces.length / 3 : 0;
        setShown({ step: current.step, sample, arrays, preview: false, triangles });
        setMeshError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setMeshError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [run, tag, current, sample]);

  /** The card's viewer, made on first use for a mesh of `triangles` triangles. */
  const viewerFor = (host: HTMLElement, triangles: number): MeshViewer => {
    if (!viewerRef.current) {
      viewerRef.current = new MeshViewer(host, () => {
        const card = cardRef.current;
        if (!card || !viewerRef.current) return;
        if (drawnRef.current?.preview) {
          card.dataset.previewRendered = 'true';
          card.dataset.previewFrameAt ??= performance.now().toFixed(0);
          // The next animation frame comes after the compositor took this one (with software
          // compositing it reads the canvas back): the preview is then on screen.
          requestAnimationFrame(() => {
            card.dataset.previewShownAt ??= performance.now().toFixed(0);
            previewPresented.current?.();
            previewPresented.current = null;
          });
          return;
        }
        card.dataset.rendered = 'true';
        // Published for the benchmark: preparing the geometry and drawing the last frame.
        card.dataset.showMs = viewerRef.current.showMs.toFixed(0);
        card.dataset.renderMs = viewerRef.current.renderMs.toFixed(0);
        card.dataset.frameAt ??= performance.now().toFixed(0);
      }, triangles <= ANTIALIAS_MAX_TRIANGLES);
      // For the benchmark, as the projector's view is: the viewer on its host element.
      (host as HTMLElement & { viewer?: MeshViewer }).viewer = viewerRef.current;
    }
    return viewerRef.current;
  };

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host || !shown || !current) return;
    const viewer = viewerFor(host, shown.triangles);
    // The full mesh after its own preview is fitted again (the preview's clusters are a little
    // inside the mesh's bounds); the first mesh shown is fitted.
    const afterPreview = drawnRef.current?.preview === true && drawnRef.current.step === shown.step && drawnRef.current.sample === shown.sample;
    viewer.show(shown.arrays, current.config, dark, drawnRef.current !== null && !afterPreview);
    drawnRef.current = shown;
    setIsPointCloud(viewer.isPointCloud);
    setPointSize(viewer.currentPointSize);
    const card = cardRef.current!;
    if (shown.preview) {
      card.dataset.previewVertices = String(shown.arrays.vertices.length / 3);
      card.dataset.previewTriangles = String(shown.arrays.faces ? shown.arrays.faces.length / 3 : 0);
      return;
    }
    card.dataset.vertices = String(shown.arrays.vertices.length / 3);
    card.dataset.shownStep = String(shown.step);
    card.dataset.shownSample = String(shown.sample);
  }, [shown, dark]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const observer = new ResizeObserver(() => viewerRef.current?.resize());
    observer.observe(host);
    return () => {
      observer.disconnect();
      viewerRef.current?.destroy();
      viewerRef.current = null;
    };
  }, []);

  return (
    <StepCard app={app} card={card} cardRef={cardRef} modifier="card--mesh" slider={slider} loaded={!!entries} error={error ?? meshError} emptyText="No meshes.">
      <div class="mesh-viewer" ref={hostRef} />
      <div class="mesh-controls">
        <button type="button" class="mesh-controls__reset" onClick={() => viewerRef.current?.resetView()}>
          Reset view
        </button>
        {samples > 1 && (
          <label class="mesh-controls__sample">
            Sample
            <select
              value={sample}
              aria-label={`Sample of ${tag}, ${run}`}
              onChange={(e) => setSample(Number((e.target as HTMLSelectElement).value))}
            >
              {Array.from({ length: samples }, (_, i) => (
                <option key={i} value={i}>
                  {i + 1} of {samples}
                </option>
              ))}
            </select>
          </label>
        )}
        {isPointCloud && (
          <label class="mesh-controls__size">
            Point size
            <input
              type="range"
              min={1}
              max={12}
              step={1}
              value={pointSize}
              aria-label={`Point size of ${tag}, ${run}`}
              onInput={(e) => {
                const size = Number((e.target as HTMLInputElement).value);
                setPointSize(size);
                viewerRef.current?.setPointSize(size);
              }}
            />
          </label>
        )}
      </div>
    </StepCard>
  );
}
