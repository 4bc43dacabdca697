import { describe, expect, it } from 'vitest';
import { quoteInertHeredocs } from './heredoc-inert';

describe('quoteInertHeredocs', () => {
  it('quotes the delimiter of a heredoc whose body has nothing to expand', () => {
    expect(quoteInertHeredocs("cat <<EOF | kubectl apply -f -\nx: ['a', '1']\nEOF")).toBe("cat <<'EOF' | kubectl apply -f -\nx: ['a', '1']\nEOF");
    expect(quoteInertHeredocs("cat <<-END\n\tx: ['a']\n\tEND\necho done")).toBe("cat <<-'END'\n\tx: ['a']\n\tEND\necho done");
  });

  it('leaves heredocs that expand, are quoted, are unterminated, and here-strings alone', () => {
    for (const s of ['cat <<EOF\nname: $NAME\nEOF', "cat <<'EOF'\nx\nEOF", 'cat <<"EOF"\nx\nEOF', 'cat <<EOF\nx', 'cat <<<hello', "echo '<<EOF'\nx\nEOF"]) {
      expect(quoteInertHeredocs(s)).toBe(s);
    }
  });
});
