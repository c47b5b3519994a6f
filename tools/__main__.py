"""python -m tools show | generate | check | bench"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line and exit status 2."""

    def error(self, message: str) -> None:
        self.exit(2, f"{self.prog}: error: {message}\n")


def parse(argv: list[str]) -> argparse.Namespace:
    parser = OneLineParser(prog="python -m tools", description="ResNet Atlas tools")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    show = commands.add_parser("show", help="print the spec and key facts of one model")
    show.add_argument("model")
    show.add_argument("--num-classes", type=int, dest="num_classes")
    show.add_argument("--input-size", type=int, dest="input_size", help="square input side in pixels")
    generate = commands.add_parser("generate", help="write docs/data, the generated pages and fact-bound numbers")
    generate.add_argument("--accept-verdicts", action="store_true", dest="accept_verdicts",
                          help="write even where a committed verdict changes (review those claims' corrections first); "
                               "without it, generate refuses and writes nothing")
    check = commands.add_parser("check", help="fail if anything generated or bound to a fact is stale")
    check.add_argument("--timings", action="store_true", help="print seconds per phase")
    for command in (generate, check):
        command.add_argument("--no-cache", action="store_true", dest="no_cache",
                             help="introspect every model afresh (CI); the result is still stored for later runs")
    commands.add_parser("bench", help="time introspection, the check and the test suite")
    serve = commands.add_parser("serve", help="serve the site and regenerate it when a source changes")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", dest="dev_addr")
    args, extra = parser.parse_known_args(argv)
    args.options = _model_options(parser, args, extra)
    return args


def _model_options(parser: argparse.ArgumentParser, args: argparse.Namespace, extra: list[str]) -> dict[str, str]:
    """``show``'s model options, ``--NAME VALUE`` or ``--NAME=VALUE``, as text; the model checks them later."""
    if extra and args.command != "show":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    options: dict[str, str] = {}
    words = iter(extra)
    for word in words:
        if not word.startswith("--") or len(word) == 2:
            parser.error(f"expected a model option like --shortcut B, got {word!r}")
        name, _, value = word[2:].partition("=")
        if not value:
            value = next(words, "")
        if not value or value.startswith("--"):
            parser.error(f"option --{name} needs a value")
        options[name.replace("-", "_")] = value
    return options


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    """The command line; ``root`` is the repository it works on (tests run it on copies, in their own process)."""
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.command == "serve":  # watches and runs the other commands in fresh interpreters: no torch here
        from tools.serve import serve  # lazy for start-up, as below

        return serve(root, args.dev_addr)
    # Imported here so that usage errors answer before torch loads.
    start = time.perf_counter()
    from tools import cli

    args.import_seconds = time.perf_counter() - start

    try:
        return getattr(cli, args.command)(root, args)
    except ValueError as error:  # bad input: unknown model, option, size, fact or malformed claim
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
