/**
 * For `pnpm bench` (reveal to screen): marks `name` (with `detail`) once the browser has drawn what React has
 * just put in the page. Called from a layout effect, so before the browser draws that commit: a
 * requestAnimationFrame callback runs at the start of the next frame, before its style, layout and paint, and a
 * message posted from it is handled once that frame is drawn. (A mark set straight in an effect lands before
 * layout and paint when React renders synchronously and after them when it renders in slices, so it measured
 * different moments depending on how React happened to render.) Returns a cancel for the effect's clean-up.
 */
export function markWhenDrawn(name: string, detail: unknown): () => void {
  let cancelled = false;
  const frame = requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (!cancelled) performance.mark(name, { detail });
    };
    channel.port2.postMessage(null);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
  };
}
