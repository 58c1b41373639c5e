// pnpm start: the mock on 127.0.0.1:4010 and the docs on 127.0.0.1:8080, until Ctrl-C.
// turbo has built whatever was stale before this runs (the task depends on ^build).
import { interrupted, parsePorts, run, sampleCurl, serveDocs, startMock } from "./environment.js";

run("start", async () => {
  const { mockPort, docsPort } = parsePorts("start");
  const docs = await serveDocs("start", docsPort);
  let mock: Awaited<ReturnType<typeof startMock>>;
  try {
    mock = await startMock("start", mockPort);
  } catch (error) {
    await docs.close();
    throw error;
  }
  console.log(
    [
      "",
      `  Mock (Prism):  ${mock.url}`,
      `  Docs:          ${docs.url}`,
      "",
      "  Issue cards against the mock:",
      "",
      sampleCurl(mock.url).replace(/^/gm, "    "),
      "",
      "  Ctrl-C stops both.",
      "",
    ].join("\n"),
  );
  await interrupted();
  await Promise.all([mock.close(), docs.close()]);
  console.log("start: stopped the mock and the docs server.");
});
