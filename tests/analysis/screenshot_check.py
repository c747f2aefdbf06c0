#!/usr/bin/python3
"""Exit 0 when a PNG screenshot shows a rendered page, 1 when it is blank or nearly so.

Usage: screenshot_check.py SCREENSHOT.png MIN_COLOURS MIN_INK_SHARE
Prints the number of distinct colours and the share of pixels that are not the background.
"""

import sys

import matplotlib.image as mpimg
import numpy as np


def main(argv):
    path, min_colours, min_ink = argv[0], int(argv[1]), float(argv[2])
    pixels = mpimg.imread(path)[:, :, :3]
    rgb = np.round(pixels * 255).astype(np.uint32)
    packed = (rgb[:, :, 0] << 16) | (rgb[:, :, 1] << 8) | rgb[:, :, 2]
    values, counts = np.unique(packed, return_counts=True)
    background = values[np.argmax(counts)]
    ink = float(np.mean(packed != background))
    print(f"colours={len(values)} ink={ink:.4f}")
    return 0 if len(values) >= min_colours and ink >= min_ink else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
