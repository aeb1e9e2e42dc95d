"""A deterministic corpus of report tables for the benchmarks (fictional words, no seed text)."""

from __future__ import annotations

import random

SEGMENTS = ["社会福祉事業拠点", "介護保険事業拠点", "指定管理事業拠点", "市民相談事業拠点"]
SERVICES = [
    "地域福祉推進事業",
    "高齢者福祉推進事業",
    "ボランティアセンター事業",
    "相談支援事業",
    "子育て支援事業",
]
DEPARTMENTS = ["地域福祉課", "くらし支援課", "総務課", "相談支援課", "子育て支援課"]
NOUNS = ["見守り", "配食", "サロン", "講座", "相談", "交流会", "研修", "出前授業", "移送", "居場所"]
LABELS = ["参加者", "登録者", "利用件数", "相談件数", "開催", "協力施設", "来場者", "実施日数", "延べ利用者"]
UNITS = {"参加者": "人", "登録者": "名", "利用件数": "件", "相談件数": "件", "開催": "回", "協力施設": "か所",
         "来場者": "人", "実施日数": "日", "延べ利用者": "人"}  # fmt: skip
HEADER = "\t".join(
    ["拠点区分", "サービス区分", "番号", "事業名 (担当課名)", "計画体系", "具体的な実施事項", "令和7年度の事業実績内容",
     "令和7年度 第4四半期実績", "令和6年度 第4四半期実績"]
)  # fmt: skip


def _results(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(2, 7)):
        label = rng.choice(LABELS)
        value = rng.randint(1, 12000)
        prefix = rng.choice(["", "3月末:", f"{rng.randint(4, 12)}/{rng.randint(1, 28)}開催 ", "① ", "(延べ)"])
        parts.append(f"{prefix}{label} {value:,}{UNITS[label]}")
    return " ".join(parts)


def report_table(index: int, rows: int = 400) -> str:
    """One quarterly report table as TSV text, with page headers repeated and some shifted rows."""
    rng = random.Random(index)
    lines = [f"令和7年度(2025年度)第4四半期 事業経過報告 その{index}", "", HEADER]
    for row in range(rows):
        if row and row % 40 == 0:
            lines += ["", HEADER]
        noun = rng.choice(NOUNS)
        cells = [
            rng.choice(SEGMENTS) if row % 15 == 0 else "",
            rng.choice(SERVICES) if row % 5 == 0 else "",
            str(row % 9 + 1),
            f"{noun}推進事業{row} ({rng.choice(DEPARTMENTS)})",
            f"基本目標{rng.randint(1, 3)}" if row % 3 else "〃",
            f"地域の{noun}を通じて{rng.choice(NOUNS)}を進める。年{rng.randint(1, 12)}回開催する。",
            f"・{noun}を{rng.randint(2, 30)}回実施し、関係機関と連携した。 ・{rng.choice(NOUNS)}の周知を図った。",
            _results(rng),
            _results(rng),
        ]
        if row % 17 == 0:
            cells = [*cells[1:], ""]  # a row the export shifted one cell left
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def corpus(min_bytes: int) -> list[bytes]:
    """Report tables, UTF-8, adding up to at least ``min_bytes``."""
    files: list[bytes] = []
    total = 0
    index = 0
    while total < min_bytes:
        data = report_table(index).encode("utf-8")
        files.append(data)
        total += len(data)
        index += 1
    return files
