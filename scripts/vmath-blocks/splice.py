# Regenerates the block kernels in place: python3 scripts/vmath-blocks/splice.py 8,6,7,6,8,6,8 [vmath.ts]
# runs blocks.py with those lane counts and replaces, in assembly/engine/vmath.ts, every function
# it writes (from its signature line to its closing brace; doc comments stay as in vmath.ts).
import os, re, subprocess, sys
here = os.path.dirname(os.path.abspath(__file__))
target = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, '..', '..', 'assembly', 'engine', 'vmath.ts')
gen = subprocess.run([sys.executable, os.path.join(here, 'blocks.py'), sys.argv[1]], check=True, capture_output=True, text=True).stdout
src = open(target).read()
def span(s, head):
    i = s.index(head); j = s.index('\n}\n', i) + 3
    return i, j
for m in re.finditer(r'^((?:export |@inline )?function \w+\()', gen, re.M):
    head = m.group(1)
    gi, gj = span(gen, head); si, sj = span(src, head)
    src = src[:si] + gen[gi:gj] + src[sj:]
open(target, 'w').write(src)
