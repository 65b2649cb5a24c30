"""The one command line: `baclofen-qa build | ask | search | serve`.

Every subcommand turns the project's own errors into one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from chat.feedback import add_parser as add_feedback_parser
from ingest.errors import InputError, QAError

PROG = "baclofen-qa"


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--index-dir", type=Path, default=None,
                   help="index directory (default: $BACLOFEN_QA_INDEX_DIR or ~/.cache/baclofen-qa/index)")
    p.add_argument("--model", default=None,
                   help="embedding model: baclofen-minilm (default: the bundled all-MiniLM-L6-v2 tuned to the "
                        "monograph once per machine), all-MiniLM-L6-v2 (untuned) or a local model directory")


def _chunk_args(p: argparse.ArgumentParser) -> None:
    from ingest.chunk import ChunkSettings

    d = ChunkSettings()
    p.add_argument("--chunk-tokens", type=int, default=d.max_tokens, help=f"tokens per chunk (default {d.max_tokens})")
    p.add_argument("--overlap-tokens", type=int, default=d.overlap_tokens,
                   help=f"tokens shared by neighbouring chunks (default {d.overlap_tokens})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Answers questions about baclofen with exact, cited "
                                     "quotes from its monograph.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="parse, chunk and embed the corpus into a FAISS index")
    p.set_defaults(func=cmd_build)
    p.add_argument("--corpus", nargs="+", type=Path, default=None,
                   help="corpus file(s), or folder(s) of .txt/.md files; one document each (default: the monograph)")
    _common(p)
    _chunk_args(p)
    p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = sub.add_parser("ask", help="answer a question (or a JSONL batch) with quotes")
    p.set_defaults(func=cmd_ask)
    p.add_argument("question", nargs="?", help="the question")
    p.add_argument("--history", nargs="*", default=[], metavar="Q", help="earlier questions, oldest first")
    p.add_argument("--batch", type=Path, help='JSONL file, one {"question": ..., "history": [...]} per line')
    p.add_argument("--json", action="store_true", help="print the JSON answer")
    p.add_argument("--explain", action="store_true", help="with --json: why each quote was chosen, passages used")
    _common(p)

    p = sub.add_parser("search", help="ranked passages with scores (for staff)")
    p.set_defaults(func=cmd_search)
    p.add_argument("query")
    p.add_argument("--k", type=int, default=5, help="number of passages (default 5)")
    p.add_argument("--json", action="store_true", help="print JSON")
    _common(p)

    p = sub.add_parser("serve", help="start the web chat (builds the index first if needed)",
                       epilog="Set BACLOFEN_QA_PASSWORD to require a login (user: staff).")
    p.set_defaults(func=cmd_serve)
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    p.add_argument("--corpus", nargs="+", type=Path, default=None,
                   help="corpus file(s) to serve (default: what the index was built from, else the bundled monograph)")
    p.add_argument("--no-build", action="store_true", help="serve the index as it is, never rebuild")
    p.add_argument("--feedback-db", type=Path, default=None, help="feedback SQLite file (default: "
                   "$BACLOFEN_QA_FEEDBACK_DB or ~/.cache/baclofen-qa/feedback.sqlite3)")
    _common(p)
    _chunk_args(p)
    add_feedback_parser(sub)
    # Further subcommands live beside their stage; each module adds its own parser (argparse only, no heavy imports).
    from eval.command import add_parser as add_eval_parser
    add_eval_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler below, not at exit
        return code
    except QAError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `baclofen-qa ask ... | head`: the reader left; stop quietly, like other tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _settings(args):
    from ingest.chunk import ChunkSettings

    return ChunkSettings(max_tokens=args.chunk_tokens, overlap_tokens=args.overlap_tokens)


def _index_dir(args) -> Path:
    from chat.engine import default_index_dir

    return args.index_dir or default_index_dir()


CORPUS_SUFFIXES = (".txt", ".md")


def corpus_files(paths: Sequence[Path] | None) -> list[Path]:
    """Files as given; a folder becomes its *.txt and *.md files, sorted by name (an empty one is an error)."""
    from ingest.errors import CorpusError

    files: list[Path] = []
    for path in paths or []:
        if Path(path).is_dir():
            found = sorted(p for p in Path(path).iterdir() if p.is_file() and p.suffix.lower() in CORPUS_SUFFIXES)
            if not found:
                raise CorpusError(f"corpus folder {path} has no .txt or .md files")
            files.extend(found)
        else:
            files.append(Path(path))
    return files


def cmd_build(args) -> int:
    from index.embed import load_encoder
    from index.store import build_index
    from ingest.corpus import DEFAULT_CORPUS, read_corpus

    corpus = corpus_files(args.corpus) or [DEFAULT_CORPUS]
    settings = _settings(args)
    for path in corpus:
        read_corpus(path)  # fail fast, before the model loads
    encoder = load_encoder(args.model)
    manifest = build_index(corpus, _index_dir(args), encoder, settings, progress=not args.quiet)
    c = manifest.counts
    print(f"built {_index_dir(args)}: {c['documents']} document(s), {c['sections']} sections, {c['chunks']} chunks, "
          f"{c['units']} quote units in {manifest.build_seconds:.1f}s", file=sys.stderr)
    return 0


def _read_batch(path: Path) -> list[tuple[str, list[str]]]:
    """Validate a whole batch file first, so a bad line stops the run before any output."""
    from chat.engine import clean_question
    from chat.turns import user_questions

    try:
        lines = path.read_bytes().decode("utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(f"batch file not found: {path}") from None
    except UnicodeDecodeError:
        raise InputError(f"batch file is not UTF-8 text: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read batch file {path}: {exc.strerror or exc}") from None
    items = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict) or not isinstance(row.get("question"), str):
            raise InputError(f'{path}:{n}: expected an object with a "question" string')
        history = row.get("history", [])
        try:
            user_questions(history)
            clean_question(row["question"])
        except InputError as exc:
            raise InputError(f"{path}:{n}: {exc}") from None
        items.append((row["question"], history))
    if not items:
        raise InputError(f"batch file has no questions: {path}")
    return items


def cmd_ask(args) -> int:
    from chat.compose import render_plain
    from chat.engine import Engine, clean_question

    if args.batch and args.question:
        raise InputError("give either a question or --batch FILE, not both")
    if args.batch:
        items = _read_batch(args.batch)
    elif args.question is None:
        raise InputError("no question given; usage: baclofen-qa ask \"What is baclofen?\"")
    else:
        clean_question(args.question)  # a clear message before the model loads
        items = [(args.question, args.history)]
    engine = Engine.load(_index_dir(args), args.model)
    for question, history in items:
        answer = engine.answer(question, history)
        if args.batch:
            print(json.dumps(answer.to_dict(explain=args.explain), ensure_ascii=False), flush=True)
        elif args.json:
            print(json.dumps(answer.to_dict(explain=args.explain), ensure_ascii=False, indent=2))
        else:
            print(render_plain(answer))
    return 0


def cmd_search(args) -> int:
    from chat.engine import Engine, clean_question

    clean_question(args.query)
    if not 1 <= args.k <= 100:
        raise InputError("--k must be between 1 and 100")
    engine = Engine.load(_index_dir(args), args.model)
    hits = engine.search(args.query, args.k)
    if args.json:
        print(json.dumps({"query": args.query, "passages": [h.to_dict() for h in hits]}, ensure_ascii=False, indent=2))
        return 0
    for h in hits:
        refs = ", ".join(map(str, h.chunk.refs))
        print(f"{h.rank:>2}. {h.score:.3f}  {' > '.join(h.chunk.section_path)}  [{refs}]")
        print("    " + h.chunk.text.replace("\n", "\n    "))
    return 0


def cmd_serve(args) -> int:
    from chat.app import serve
    from chat.engine import Engine
    from index.embed import load_encoder
    from index.store import ensure_index

    encoder = load_encoder(args.model)
    index_dir = _index_dir(args)
    if not args.no_build:
        reason = ensure_index(index_dir, args.corpus, _settings(args), encoder)
        if reason:
            print(f"index rebuilt ({reason})", file=sys.stderr)
    engine = Engine.from_encoder(index_dir, encoder)
    serve(engine, host=args.host, port=args.port, feedback_db=args.feedback_db,
          password=os.environ.get("BACLOFEN_QA_PASSWORD") or None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
