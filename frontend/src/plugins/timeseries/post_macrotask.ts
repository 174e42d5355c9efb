// Runs a callback in a later task of its own: `scheduler.postTask` where the browser has it (not
// clamped like nested timers), else a MessageChannel message (not clamped either). Used by the Time
// Series grid's queues (draw_slicer.ts, mount_queue.ts, timeseries_api.ts). UI thread only.

export function postMacrotask(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: { postTask?: (f: () => void) => Promise<void> } }).scheduler;
  if (scheduler?.postTask) {
    void scheduler.postTask(task);
    return;
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    task();
  };
  channel.port2.postMessage(null);
}
