import sys, re
# expand lines containing $ into k interleaved copies: '$' -> lane index, '@' -> 16*lane
def expand(body, k, indent='    '):
    out = []
    for line in body.strip('\n').split('\n'):
        line = line.strip()
        if '$' in line or '@' in line:
            parts = [line.replace('$', str(i)).replace('@', str(16 * i)) for i in range(k)]
            # join declarations: 'const a0 = ..., a1 = ...' for const/let lines
            m = re.match(r'^(const|let) (.*);$', line)
            if m:
                decls = [p[len(m.group(1)) + 1:-1] for p in parts]
                out.append(indent + m.group(1) + ' ' + ', '.join(decls) + ';')
            else:
                out.append(indent + ' '.join(parts))
        else:
            out.append(indent + line)
    return '\n'.join(out)
if __name__ == '__main__':
    k = int(sys.argv[1]); print(expand(sys.stdin.read(), k))
