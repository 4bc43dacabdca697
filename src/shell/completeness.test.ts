import { describe, expect, it } from 'vitest';
import { needsMoreInput } from './completeness';

describe('needsMoreInput', () => {
  it.each([
    ['kubectl get pods', false],
    ['cat <<EOF | kubectl apply -f -', true],
    ['cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Pod', true],
    ['cat <<EOF | kubectl apply -f -\napiVersion: v1\nEOF', false],
    ["cat <<'EOF' > x\na\nEOF", false],
    ['cat <<-EOF\n\tx\n\tEOF', false],
    ['grep x <<< "$v"', false],
    ['echo "abc', true],
    ["echo 'abc", true],
    ['for i in 1 2; do', true],
    ['for i in 1 2; do echo $i; done', false],
    ['if true; then', true],
    ['f() {', true],
    ['kubectl get pods |', true],
    ['true &&', true],
    ['echo a \\', true],
  ])('%j → %s', (text, expected) => {
    expect(needsMoreInput(text)).toBe(expected);
  });
});
