/**
 * Built-in Python tasks, written for this project. Each `tests` defines `check(candidate)`; assertion messages
 * say what was expected so a failure in the report is readable without the test source.
 */
import type { CodeTask } from '../types';

type PyTask = Omit<CodeTask, 'kind' | 'language' | 'style'>;

const tasks: PyTask[] = [
  {
    id: 'py/clamp-all',
    difficulty: 'easy',
    entryPoint: 'clamp_all',
    prompt: 'def clamp_all(values: list[float], low: float, high: float) -> list[float]:\n    """Return a new list where every value is limited to the range [low, high]. The input is not modified."""',
    reference: 'def clamp_all(values, low, high):\n    return [min(high, max(low, v)) for v in values]\n',
    tests: `def check(candidate):
    data = [5, -3, 12, 7]
    assert candidate(data, 0, 10) == [5, 0, 10, 7], "clamp to [0, 10]"
    assert data == [5, -3, 12, 7], "input must not be modified"
    assert candidate([], 1, 2) == [], "empty list"
    assert candidate([1.5, 2.5], 2.0, 2.0) == [2.0, 2.0], "low == high"
`,
  },
  {
    id: 'py/count-vowels',
    difficulty: 'easy',
    entryPoint: 'count_vowels',
    prompt: 'def count_vowels(text: str) -> int:\n    """Count the letters a, e, i, o, u in text, ignoring case. Other letters (including y) do not count."""',
    reference: 'def count_vowels(text):\n    return sum(1 for c in text.lower() if c in "aeiou")\n',
    tests: `def check(candidate):
    assert candidate("Hello World") == 3, "Hello World has 3 vowels"
    assert candidate("AEIOU aeiou") == 10, "upper and lower case"
    assert candidate("rhythm") == 0, "y is not a vowel"
    assert candidate("") == 0, "empty string"
`,
  },
  {
    id: 'py/run-length',
    difficulty: 'easy',
    entryPoint: 'run_length_encode',
    prompt: 'def run_length_encode(s: str) -> str:\n    """Encode runs of the same character as the character followed by the run length, omitting the length when it is 1.\n    run_length_encode("aaabcc") == "a3bc2"\n    """',
    reference: `def run_length_encode(s):
    out = []
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out.append(s[i] + (str(j - i) if j - i > 1 else ""))
        i = j
    return "".join(out)
`,
    tests: `def check(candidate):
    assert candidate("aaabcc") == "a3bc2", "aaabcc"
    assert candidate("") == "", "empty"
    assert candidate("abc") == "abc", "no runs"
    assert candidate("zzzzzzzzzzzz") == "z12", "two-digit run"
    assert candidate("aabaa") == "a2ba2", "same char in separate runs"
`,
  },
  {
    id: 'py/parse-duration',
    difficulty: 'medium',
    entryPoint: 'parse_duration',
    prompt: 'def parse_duration(text: str) -> int:\n    """Parse a duration such as "1h30m", "45s" or "2h5s" into seconds. Units h, m, s appear at most once each, in that order; each has a whole number before it. Raise ValueError for anything else (including an empty string)."""',
    reference: `import re

def parse_duration(text):
    m = re.fullmatch(r"(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?", text)
    if not text or m is None:
        raise ValueError(text)
    h, mi, s = (int(g) if g else 0 for g in m.groups())
    return h * 3600 + mi * 60 + s
`,
    tests: `def check(candidate):
    assert candidate("1h30m") == 5400, "1h30m"
    assert candidate("45s") == 45, "45s"
    assert candidate("2h5s") == 7205, "2h5s"
    assert candidate("0m") == 0, "0m"
    for bad in ["", "5", "1m2h", "1x", "h", "1h1h"]:
        try:
            candidate(bad)
        except ValueError:
            continue
        assert False, "expected ValueError for " + repr(bad)
`,
  },
  {
    id: 'py/merge-intervals',
    difficulty: 'medium',
    entryPoint: 'merge_intervals',
    prompt: 'def merge_intervals(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:\n    """Merge overlapping or touching closed intervals (start <= end) given in any order; return them sorted by start as tuples."""',
    reference: `def merge_intervals(intervals):
    out = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
`,
    tests: `def check(candidate):
    assert candidate([(1, 3), (2, 6), (8, 10), (15, 18)]) == [(1, 6), (8, 10), (15, 18)], "overlap"
    assert candidate([(5, 7), (1, 5)]) == [(1, 7)], "touching, unsorted"
    assert candidate([]) == [], "empty"
    assert candidate([(1, 10), (2, 3), (4, 5)]) == [(1, 10)], "contained"
    assert candidate([(3, 3)]) == [(3, 3)], "single point"
`,
  },
  {
    id: 'py/roman-to-int',
    difficulty: 'medium',
    entryPoint: 'roman_to_int',
    prompt: 'def roman_to_int(numeral: str) -> int:\n    """Convert a valid Roman numeral (I, V, X, L, C, D, M, with subtractive forms like IV and CM) to an integer."""',
    reference: `def roman_to_int(numeral):
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, c in enumerate(numeral):
        v = values[c]
        if i + 1 < len(numeral) and values[numeral[i + 1]] > v:
            total -= v
        else:
            total += v
    return total
`,
    tests: `def check(candidate):
    assert candidate("III") == 3, "III"
    assert candidate("IV") == 4, "IV"
    assert candidate("MCMXCIV") == 1994, "MCMXCIV"
    assert candidate("MMXXV") == 2025, "MMXXV"
    assert candidate("XLIX") == 49, "XLIX"
`,
  },
  {
    id: 'py/balanced',
    difficulty: 'medium',
    entryPoint: 'is_balanced',
    prompt: 'def is_balanced(text: str) -> bool:\n    """True when the brackets (), [] and {} in text are balanced and properly nested; other characters are ignored."""',
    reference: `def is_balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for c in text:
        if c in "([{":
            stack.append(c)
        elif c in pairs:
            if not stack or stack.pop() != pairs[c]:
                return False
    return not stack
`,
    tests: `def check(candidate):
    assert candidate("f(a[1]) { x }") is True, "nested with text"
    assert candidate("([)]") is False, "crossed"
    assert candidate("((") is False, "unclosed"
    assert candidate(")(") is False, "closed first"
    assert candidate("") is True, "empty"
`,
  },
  {
    id: 'py/top-words',
    difficulty: 'medium',
    entryPoint: 'top_words',
    prompt: 'def top_words(text: str, n: int) -> list[str]:\n    """Return the n most frequent words of text, lowercased. Words are runs of letters a-z (case-insensitive); anything else separates words. Ties are broken alphabetically. Fewer than n distinct words: return them all."""',
    reference: `import re
from collections import Counter

def top_words(text, n):
    counts = Counter(re.findall(r"[a-z]+", text.lower()))
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
`,
    tests: `def check(candidate):
    assert candidate("the cat and the hat; The end", 2) == ["the", "and"], "frequency then alphabetical"
    assert candidate("b a c", 5) == ["a", "b", "c"], "fewer words than n"
    assert candidate("", 3) == [], "empty text"
    assert candidate("it's it IT", 1) == ["it"], "apostrophe splits words"
`,
  },
  {
    id: 'py/spiral',
    difficulty: 'medium',
    entryPoint: 'spiral_order',
    prompt: 'def spiral_order(matrix: list[list[int]]) -> list[int]:\n    """Return the elements of a rectangular matrix in clockwise spiral order, starting at the top-left corner."""',
    reference: `def spiral_order(matrix):
    out = []
    rows = [list(r) for r in matrix]
    while rows:
        out.extend(rows.pop(0))
        rows = [list(r) for r in zip(*rows)][::-1] if rows and rows[0] else []
    return out
`,
    tests: `def check(candidate):
    assert candidate([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) == [1, 2, 3, 6, 9, 8, 7, 4, 5], "3x3"
    assert candidate([[1, 2, 3, 4], [5, 6, 7, 8]]) == [1, 2, 3, 4, 8, 7, 6, 5], "2x4"
    assert candidate([[1], [2], [3]]) == [1, 2, 3], "single column"
    assert candidate([]) == [], "empty"
`,
  },
  {
    id: 'py/edit-distance',
    difficulty: 'hard',
    entryPoint: 'edit_distance',
    prompt: 'def edit_distance(a: str, b: str) -> int:\n    """The minimum number of single-character insertions, deletions and substitutions turning a into b."""',
    reference: `def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
`,
    tests: `def check(candidate):
    assert candidate("kitten", "sitting") == 3, "kitten/sitting"
    assert candidate("", "abc") == 3, "from empty"
    assert candidate("flaw", "lawn") == 2, "flaw/lawn"
    assert candidate("same", "same") == 0, "equal"
    assert candidate("a" * 300, "b" * 300) == 300, "long strings (needs a polynomial algorithm)"
`,
  },
  {
    id: 'py/lis-length',
    difficulty: 'hard',
    entryPoint: 'lis_length',
    prompt: 'def lis_length(nums: list[int]) -> int:\n    """Length of the longest strictly increasing subsequence of nums. Must handle 100000 numbers in well under a second."""',
    reference: `from bisect import bisect_left

def lis_length(nums):
    tails = []
    for x in nums:
        i = bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)
`,
    tests: `def check(candidate):
    assert candidate([10, 9, 2, 5, 3, 7, 101, 18]) == 4, "classic example"
    assert candidate([]) == 0, "empty"
    assert candidate([7, 7, 7]) == 1, "strictly increasing"
    assert candidate(list(range(100000))) == 100000, "large sorted input"
`,
  },
  {
    id: 'py/cheapest-path',
    difficulty: 'hard',
    entryPoint: 'cheapest_path',
    prompt: 'def cheapest_path(edges: list[tuple[str, str, int]], start: str, goal: str) -> int:\n    """Edges are directed (from, to, non-negative cost). Return the lowest total cost from start to goal, 0 when start == goal, or -1 when goal cannot be reached."""',
    reference: `import heapq

def cheapest_path(edges, start, goal):
    graph = {}
    for a, b, w in edges:
        graph.setdefault(a, []).append((b, w))
    best = {start: 0}
    heap = [(0, start)]
    while heap:
        d, node = heapq.heappop(heap)
        if node == goal:
            return d
        if d > best.get(node, float("inf")):
            continue
        for nxt, w in graph.get(node, []):
            nd = d + w
            if nd < best.get(nxt, float("inf")):
                best[nxt] = nd
                heapq.heappush(heap, (nd, nxt))
    return -1
`,
    tests: `def check(candidate):
    edges = [("a", "b", 4), ("a", "c", 1), ("c", "b", 2), ("b", "d", 5), ("c", "d", 8)]
    assert candidate(edges, "a", "d") == 8, "a->c->b->d"
    assert candidate(edges, "d", "a") == -1, "directed: unreachable"
    assert candidate(edges, "b", "b") == 0, "start is goal"
    assert candidate([("x", "y", 0)], "x", "y") == 0, "zero-cost edge"
`,
  },
];

export const builtinPythonTasks: CodeTask[] = tasks.map((t) => ({ ...t, kind: 'code', language: 'python', style: 'builtin' }));
