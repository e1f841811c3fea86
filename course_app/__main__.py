"""``python -m course_app``: run the system (``run``, the default) or check this machine
(``doctor``)."""

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["doctor"]:
        from course_app.doctor import main as doctor

        return doctor(argv[1:])
    if argv[:1] == ["run"]:
        argv = argv[1:]
    from course_app.launcher import main as run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
