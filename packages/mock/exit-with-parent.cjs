// Preloaded into Prism's Node (`node --require`). The parent holds the other end of Prism's
// stdin, and the kernel closes it however the parent ends, SIGKILL included: then stop Prism
// and anything it forked, which share its process group. Nobody waits for a clean stop now.
process.stdin.on("end", () => process.kill(0, "SIGKILL"));
process.stdin.resume();
