"""Each arm's network, drawn by GraphViz from network-ARM.dot."""

import base64
import html
import shutil
import subprocess
import sys


def network_png(dot_file):
    """The arm's network drawn by GraphViz, or None when `dot` is not installed or fails."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    done = subprocess.run([dot, "-Tpng", "-Gdpi=80", str(dot_file)], capture_output=True,
                          timeout=60)
    if done.returncode != 0 or not done.stdout:
        sys.stderr.write(f"report: warning: dot could not draw {dot_file.name}: "
                         f"{done.stderr.decode(errors='replace').strip()}\n")
        return None
    return base64.b64encode(done.stdout).decode("ascii")


def sections(run):
    figs = []
    for arm, dot in run.networks.items():
        b64 = network_png(dot)
        if b64 is not None:
            figs.append(f"<figure><img alt='network of {html.escape(arm)}' "
                        f"src='data:image/png;base64,{b64}'>"
                        f"<figcaption>{html.escape(arm)}</figcaption></figure>")
    if not figs:
        return []
    return ["<section><h2>Networks</h2><div class='networks'>" + "".join(figs) +
            "</div><p class='caption'>Each arm's nodes and lanes, drawn by GraphViz from "
            "network-ARM.dot.</p></section>"]
