// While a Python session starts, say how far it got: "Loading Python… 2.1 of 6.3 MB".
//
//   const stop = watchLoading(session, (text) => (status.textContent = text));
//   await session.run(...);
//   stop();   // no more messages; the last one stays until the caller replaces it
//
// Says "Loading Python…" at once when the session is not ready yet, then the bytes loaded,
// at most twice a second (a screen reader reads each change of a status line).

const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

export function watchLoading(session, say) {
  let shown = 0;
  const onProgress = ({ detail: { loaded, total } }) => {
    if (!total || (loaded < total && performance.now() - shown < 500)) return;
    shown = performance.now();
    say(`Loading Python… ${megabytes(loaded)} of ${megabytes(total)} MB`);
  };
  session.addEventListener("progress", onProgress);
  if (session.state === "off" || session.state === "loading") say("Loading Python…");
  return () => session.removeEventListener("progress", onProgress);
}
