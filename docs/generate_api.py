"""Regenerate docs/api.md from the docstrings of `leadmodel.__all__`: `python docs/generate_api.py`.

Every public name is documented: functions and classes with their signature and docstring
(numpydoc, rendered as Markdown), the public methods and properties of classes, constants with
the ``#:`` comment above their assignment, modules with their docstring. Each name goes into the
section of the module that defines it (``SECTION_OF_MODULE``), or by its name
(``SECTION_OF_NAME_PART``), or into "Other"; new names in ``__all__`` are picked up on the next
run. The output depends only on the code: the same code always gives the same bytes.
"""

from __future__ import annotations

import ast
import collections.abc
import importlib
import inspect
import pkgutil
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any

import leadmodel

TARGET = Path(__file__).with_name("api.md")

READING = "Reading and validating"
WRITING = "Writing and exports"
GRAPH = "Graph"
METRICS = "Metrics"
OBSERVATION = "Observation"
LEADERSHIP = "Leadership models and compliance"
SURVEYS = "Staff surveys"
EXECUTION = "Execution: strategic plans"
SCENARIOS = "Scenarios and cost"
TIME = "Over time"
PLOTS = "Plots"
REPORTS = "Reports and the Analysis facade"
PRESETS = "Presets and samples"
ERRORS = "Errors"
MODELS = "Models"
OTHER = "Other"

#: Sections in page order, each with the sentence that opens it.
SECTIONS: dict[str, str] = {
    READING: "Reading rosters, reporting lines and staffing counts in a district's own layout, "
    "validating them, and the role catalogue.",
    WRITING: "Rosters written so that reading them gives them back, and tables written for "
    "other tools.",
    GRAPH: "The leadership graph: staff as nodes, typed relations as edges, and back.",
    METRICS: "Spans of control, layers, span bands and coverage gaps "
    "(method: [`methodology.md`](methodology.md); columns: [`glossary.md`](glossary.md)).",
    OBSERVATION: "Observation and coaching load against each leader's time, and the actuals: "
    "logs against the plan, coaching dosage and the instructional leadership team.",
    LEADERSHIP: "Leadership models as data, tight/loose compliance per school, the district view "
    "and the closest reference model.",
    SURVEYS: "Staff surveys against the roster: teacher Net Promoter Score, felt against formal "
    "responsibility, and the advice network beside the formal links.",
    EXECUTION: "A strategic plan on the structure: initiative load against each leader's "
    "capacity left after observation and coaching, clarity of focus, rocks on a given date and "
    "candidates for strategic abandonment ([`methodology.md`](methodology.md) section 13).",
    SCENARIOS: "Redesign scenarios, their cost, and comparisons of today against each scenario.",
    TIME: "The same district over time: snapshots matched by id, what changed between them, "
    "trends of every school measure, logs and surveys matched to the roster in force, and "
    "count files across years.",
    PLOTS: "matplotlib pictures; each takes `ax=` and returns it ([`plots.md`](plots.md)).",
    REPORTS: "One row per school, the `Analysis` front door for notebooks, and exports.",
    PRESETS: "Reference data shipped with the package, with sources "
    "([`presets.md`](presets.md)), and the synthetic samples.",
    ERRORS: "The exception hierarchy.",
    MODELS: "pydantic models: what a person writes or reads by hand.",
    OTHER: "Public names that fit none of the sections above.",
}

#: Section of each defining module (a module's submodules go with it).
SECTION_OF_MODULE: dict[str, str] = {
    "leadmodel.readers.series": TIME,
    "leadmodel.readers.count_series": TIME,
    "leadmodel.metrics.changes": TIME,
    "leadmodel.metrics.asof": TIME,
    "leadmodel.metrics.count_series": TIME,
    "leadmodel.trends": TIME,
    "leadmodel.readers": READING,
    "leadmodel.roster": READING,
    "leadmodel.roles": READING,
    "leadmodel.inference": READING,
    "leadmodel.writers": WRITING,
    "leadmodel.graph": GRAPH,
    "leadmodel.metrics.spans": METRICS,
    "leadmodel.metrics.coverage": METRICS,
    "leadmodel.metrics.counts": METRICS,
    "leadmodel.metrics.observation": OBSERVATION,
    "leadmodel.actuals": OBSERVATION,
    "leadmodel.metrics.compliance": LEADERSHIP,
    "leadmodel.presets.leadership": LEADERSHIP,
    "leadmodel.survey": SURVEYS,
    "leadmodel.metrics.execution": EXECUTION,
    "leadmodel.metrics.rocks": EXECUTION,
    "leadmodel.scenarios": SCENARIOS,
    "leadmodel.cost": SCENARIOS,
    "leadmodel.teaming": SCENARIOS,
    "leadmodel.plot": PLOTS,
    "leadmodel.plots": PLOTS,
    "leadmodel.analysis": REPORTS,
    "leadmodel.summary": REPORTS,
    "leadmodel.report": REPORTS,
    "leadmodel.reports": REPORTS,
    "leadmodel.datasets": PRESETS,
    "leadmodel.presets": PRESETS,
    "leadmodel.errors": ERRORS,
    "leadmodel.models": MODELS,
}

#: Where a name goes when its module is not listed above: the first part it contains.
SECTION_OF_NAME_PART: dict[str, str] = {
    "plot_": PLOTS,
    "reporting_lines": READING,
    "report": REPORTS,
    "graph": GRAPH,
    "schema": READING,
    "sample": PRESETS,
    "Error": ERRORS,
    "read_": READING,
}

#: Names placed by hand, where the module alone would mislead.
SECTION_OF_NAME: dict[str, str] = {
    "read_staffing_counts": READING,
    "list_policies": OBSERVATION,
}

_HEADERS = (
    "Parameters",
    "Other Parameters",
    "Returns",
    "Yields",
    "Receives",
    "Raises",
    "Warns",
    "Attributes",
    "Methods",
    "See Also",
    "Notes",
    "References",
    "Examples",
    "Warnings",
)
_ENTRY_SECTIONS = {
    "Parameters",
    "Other Parameters",
    "Returns",
    "Yields",
    "Receives",
    "Raises",
    "Warns",
    "Attributes",
    "Methods",
    "See Also",
}
_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|attr|data|mod|exc|obj|const):`([^`]+)`")
_LITERAL = re.compile(r"``(.+?)``")
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_WIDTH = 100  # the project's line length: code blocks in Markdown are checked by ruff format


# ------------------------------------------------------------------ what is public


def public_names() -> list[str]:
    """The names of ``leadmodel.__all__``, in page order within each section."""
    return sorted(leadmodel.__all__, key=lambda n: (n.strip("_").lower(), n))


def _leadmodel_modules() -> list[types.ModuleType]:
    """Every leadmodel module, all imported, so that the answer does not depend on import order."""
    for info in pkgutil.walk_packages(leadmodel.__path__, "leadmodel."):
        if info.name not in sys.modules and not info.name.endswith(".__main__"):
            try:
                importlib.import_module(info.name)
            except ImportError:  # pragma: no cover - an optional dependency is missing
                continue
    names = sorted(n for n in sys.modules if n == "leadmodel" or n.startswith("leadmodel."))
    return [sys.modules[n] for n in names if isinstance(sys.modules[n], types.ModuleType)]


def _assignment(name: str, obj: object) -> tuple[str, str | None, str | None] | None:
    """``(module, annotation, comment)`` of the module-level assignment that defines a constant.

    The comment is the ``#:`` block right above the assignment, a ``#:`` comment at the end of
    its line, or a string literal right below it (an attribute docstring).
    """
    for module in _leadmodel_modules():
        if getattr(module, name, None) is not obj or not getattr(module, "__file__", None):
            continue
        source = Path(str(module.__file__)).read_text(encoding="utf-8")
        lines = source.splitlines()
        body = ast.parse(source).body
        for i, node in enumerate(body):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            if not any(isinstance(t, ast.Name) and t.id == name for t in targets):
                continue
            annotation = (
                ast.get_source_segment(source, node.annotation)
                if isinstance(node, ast.AnnAssign)
                else None
            )
            above = []
            row = node.lineno - 2
            while row >= 0 and lines[row].strip().startswith("#:"):
                above.insert(0, lines[row].strip()[2:].strip())
                row -= 1
            comment = " ".join(above) or None
            same_line = lines[node.lineno - 1].partition("#:")[2].strip()
            if comment is None and same_line:
                comment = same_line
            following = body[i + 1] if i + 1 < len(body) else None
            if (
                comment is None
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                comment = inspect.cleandoc(following.value.value)
            return module.__name__, annotation, comment
    return None


def _is_documentable(obj: object) -> bool:
    return inspect.isclass(obj) or inspect.isroutine(obj) or inspect.ismodule(obj)


def docstring(name: str, obj: object) -> str:
    """The text that documents a public name: its own docstring, or a constant's comment.

    Docstrings inherited from a base class, and the ones dataclasses and named tuples write
    for themselves, do not count.
    """
    if inspect.isclass(obj):
        doc = obj.__dict__.get("__doc__")
        if isinstance(doc, str) and "\n" not in doc and re.fullmatch(rf"{obj.__name__}\(.*\)", doc):
            doc = None  # generated by dataclass / NamedTuple
    elif _is_documentable(obj):
        doc = getattr(obj, "__doc__", None)
    else:
        found = _assignment(name, obj)
        doc = found[2] if found else None
    return inspect.cleandoc(doc) if isinstance(doc, str) else ""


def defining_module(name: str, obj: object) -> str:
    """The module a public name comes from."""
    if inspect.ismodule(obj):
        return obj.__name__
    if _is_documentable(obj):
        return str(getattr(obj, "__module__", None) or "")
    found = _assignment(name, obj)
    return found[0] if found else ""


def section_of(name: str, obj: object) -> str:
    """The section a public name is listed under."""
    if name in SECTION_OF_NAME:
        return SECTION_OF_NAME[name]
    module = defining_module(name, obj)
    while module:
        if module in SECTION_OF_MODULE:
            return SECTION_OF_MODULE[module]
        module = module.rpartition(".")[0]
    for part, section in SECTION_OF_NAME_PART.items():
        if part in name:
            return section
    return OTHER


# ------------------------------------------------------------------ signatures


def _qualname(tp: type) -> str:
    if tp is type(None):
        return "None"
    module = tp.__module__
    if module in ("builtins", "typing", "collections.abc") or module.startswith("leadmodel"):
        return tp.__qualname__
    return f"{module.split('.')[0]}.{tp.__qualname__}"


def format_annotation(annotation: Any) -> str:
    """A type annotation as short, stable text (``Annotated`` constraints left out)."""
    if annotation is inspect.Parameter.empty:
        return ""
    if isinstance(annotation, str):
        return annotation
    if annotation is Ellipsis:
        return "..."
    if annotation is None or annotation is type(None):
        return "None"
    if isinstance(annotation, typing.ForwardRef):
        return annotation.__forward_arg__
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return format_annotation(args[0])
    if origin is typing.Literal:
        return f"Literal[{', '.join(py_repr(a) for a in args)}]"
    if origin in (typing.Union, types.UnionType):
        return " | ".join(format_annotation(a) for a in args)
    if origin is collections.abc.Callable and args and isinstance(args[0], list):
        params = ", ".join(format_annotation(a) for a in args[0])
        return f"Callable[[{params}], {format_annotation(args[1])}]"
    if origin is not None:
        head = _qualname(origin) if isinstance(origin, type) else str(origin)
        inner = ", ".join(format_annotation(a) for a in args)
        return f"{head}[{inner}]" if args else head
    if isinstance(annotation, type):
        return _qualname(annotation)
    return _ADDRESS.sub("", repr(annotation)).replace("typing.", "")


def py_repr(value: Any) -> str:
    """``repr`` as ruff format writes it: double quotes, containers item by item."""
    if isinstance(value, str):
        if '"' in value or "\\" in value or not value.isprintable():
            return repr(value)
        return f'"{value}"'
    if isinstance(value, tuple) and type(value) is tuple:
        items = [py_repr(v) for v in value]
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
    if isinstance(value, list) and type(value) is list:
        return f"[{', '.join(py_repr(v) for v in value)}]"
    if isinstance(value, dict) and type(value) is dict:
        return "{" + ", ".join(f"{py_repr(k)}: {py_repr(v)}" for k, v in value.items()) + "}"
    return _ADDRESS.sub("", repr(value))


def _default(value: Any) -> str:
    return py_repr(value)


def _parameters(sig: inspect.Signature, *, drop_first: bool) -> list[str]:
    params = list(sig.parameters.values())[1 if drop_first else 0 :]
    out: list[str] = []
    star = False
    for i, p in enumerate(params):
        text = p.name
        if p.kind is p.VAR_POSITIONAL:
            text, star = f"*{p.name}", True
        elif p.kind is p.VAR_KEYWORD:
            text = f"**{p.name}"
        elif p.kind is p.KEYWORD_ONLY and not star:
            out.append("*")
            star = True
        annotation = format_annotation(p.annotation)
        if annotation:
            text += f": {annotation}"
        if p.default is not p.empty:
            text += f" = {_default(p.default)}" if annotation else f"={_default(p.default)}"
        out.append(text)
        last_positional_only = p.kind is p.POSITIONAL_ONLY and (
            i + 1 == len(params) or params[i + 1].kind is not p.POSITIONAL_ONLY
        )
        if last_positional_only:
            out.append("/")
    return out


def format_signature(
    label: str, obj: Any, *, drop_first: bool = False, returns: bool = True
) -> str:
    """``label(parameters) -> return``, on one line when it fits, else one parameter a line."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        is_error = inspect.isclass(obj) and issubclass(obj, BaseException)
        return f"{label}(*args)" if is_error else f"{label}(...)"
    params = _parameters(sig, drop_first=drop_first)
    result = format_annotation(sig.return_annotation) if returns else ""
    tail = f" -> {result}" if result and result != "None" else ""
    line = f"{label}({', '.join(params)}){tail}"
    if len(line) <= _WIDTH:
        return line
    return "\n".join([f"{label}(", *[f"    {p}," for p in params], f"){tail}"])


def _bases(cls: type) -> list[str]:
    """Public base classes (a private base is replaced by its own bases)."""
    out: list[str] = []
    for base in cls.__bases__:
        if base is object:
            continue
        if base.__name__.startswith("_"):
            out += [b for b in _bases(base) if b not in out]
        elif _qualname(base) not in out:
            out.append(_qualname(base))
    return out


def _members(cls: type) -> list[tuple[str, str, Any]]:
    """Public methods and properties defined by leadmodel classes: ``(name, kind, object)``."""
    seen: set[str] = set()
    out = []
    for klass in cls.__mro__:
        if not klass.__module__.startswith("leadmodel"):
            continue
        for name, attr in vars(klass).items():
            if name.startswith("_") or name in seen:
                continue
            seen.add(name)
            if isinstance(attr, property):
                out.append((name, "property", attr))
            elif isinstance(attr, classmethod):
                out.append((name, "classmethod", getattr(cls, name)))
            elif isinstance(attr, staticmethod):
                out.append((name, "staticmethod", attr.__func__))
            elif inspect.isfunction(attr):
                out.append((name, "method", attr))
    return out


# ------------------------------------------------------------------ docstrings to Markdown


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


class Renderer:
    """Turns numpydoc docstrings into Markdown, linking names documented on the page."""

    def __init__(self, documented: dict[str, str]) -> None:
        self.documented = documented  # name (or "Class.member") -> anchor
        self.context = ""  # the class whose members are being rendered

    def ref(self, target: str) -> str:
        target = target.strip()
        label = target
        explicit = re.fullmatch(r"(.+?)\s*<(.+)>", target)
        if explicit:
            label, target = explicit.group(1), explicit.group(2)
        elif target.startswith("~"):
            target = target[1:]
            label = target.rpartition(".")[2]
        short = target.removeprefix("leadmodel.")
        for candidate in (short, f"{self.context}.{short}" if self.context else ""):
            if candidate in self.documented:
                return f"[`{label}`](#{self.documented[candidate]})"
        return f"`{label}`"

    def inline(self, text: str) -> str:
        """RST inline markup as Markdown; ``<`` escaped outside code."""
        pieces = re.split(r"(``.+?``|:(?:py:)?[a-z]+:`[^`]+`|`[^`]+`)", text)
        out = []
        for piece in pieces:
            if _LITERAL.fullmatch(piece):
                out.append(f"`{piece[2:-2]}`")
            elif _ROLE.fullmatch(piece):
                out.append(self.ref(_ROLE.fullmatch(piece).group(1)))  # type: ignore[union-attr]
            elif piece.startswith("`") and piece.endswith("`") and len(piece) > 1:
                out.append(piece)
            else:
                out.append(re.sub(r"<(?=[A-Za-z/!?])", "&lt;", piece))
        return "".join(out)

    def text(self, lines: list[str]) -> list[str]:
        """Free text: paragraphs, doctest blocks, literal blocks, definition lists, lists."""
        out: list[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                i += 1
                continue
            if line.lstrip().startswith(">>>"):
                block = []
                indent = len(line) - len(line.lstrip())
                while i < len(lines) and lines[i].strip():
                    block.append(lines[i][indent:] if lines[i][:indent].isspace() else lines[i])
                    i += 1
                out += ["```python", *block, "```", ""]
                continue
            paragraph = []
            while i < len(lines) and lines[i].strip() and not lines[i].lstrip().startswith(">>>"):
                if paragraph and _indent(lines[i]) > _indent(paragraph[0]):
                    break
                paragraph.append(lines[i])
                i += 1
            indented = []
            while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > 0):
                if not lines[i].strip() and (
                    i + 1 >= len(lines) or not lines[i + 1].strip() or _indent(lines[i + 1]) == 0
                ):
                    break
                indented.append(lines[i])
                i += 1
            if indented and re.match(r"\s*(?:[-*+]|\d+[.)])\s", paragraph[0]):
                lead = " " * _indent(paragraph[0])
                paragraph += [lead + x.strip() for x in indented if x.strip()]
                indented = []
            indented = _dedent(indented)
            if indented and paragraph[-1].rstrip().endswith("::"):
                last = paragraph[-1].rstrip()[:-2].rstrip()
                paragraph[-1] = last + ":" if last and not last.endswith(":") else last
                out += [self.inline(p.strip()) for p in paragraph if p.strip()]
                out += ["", "```", *indented, "```", ""]
            elif indented and len(paragraph) == 1:
                out += self.definition(paragraph[0], indented)
            else:
                out += [self.inline(p.rstrip()) for p in paragraph]
                if indented:
                    out += ["", *self.text(indented)]
                out.append("")
        return out

    def definition(self, term: str, body: list[str]) -> list[str]:
        """An RST definition-list item as a Markdown list item."""
        lines = self.text(body)
        while lines and not lines[-1]:
            lines.pop()
        first, rest = (lines[0], lines[1:]) if lines else ("", [])
        head = f"- {self.inline(term.strip())}: {first}" if first else f"- {self.inline(term)}"
        return [head, *[f"  {line}" if line else "" for line in rest], ""]

    def entries(self, section: str, lines: list[str]) -> list[str]:
        """A numpydoc entry section (Parameters, Returns, ...) as a Markdown list."""
        out: list[str] = []
        i = 0
        while i < len(lines):
            if not lines[i].strip():
                i += 1
                continue
            if lines[i].lstrip().startswith(">>>"):  # examples after the entries, no header
                out += ["", *self.text(lines[i:])]
                break
            head = lines[i]
            i += 1
            body = []
            while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > 0):
                body.append(lines[i])
                i += 1
            if section == "See Also" and not body and ":" not in head:
                out += [f"- {self.ref(n)}" for n in head.split(",") if n.strip()]
                continue
            name, _, kind = head.partition(" : ")
            if section == "See Also":
                name, _, kind = head.partition(":")
                label = ", ".join(self.ref(n) for n in name.split(","))
                text = " ".join(x.strip() for x in [kind, *body] if x.strip())
                out.append(f"- {label}: {self.inline(text)}" if text else f"- {label}")
                continue
            if section in ("Returns", "Yields", "Receives", "Raises", "Warns") and not kind:
                name, kind = "", head
            label = ", ".join(f"`{n.strip()}`" for n in name.split(",") if n.strip())
            if kind:
                kind_text = self._type(kind.strip())
                label = f"{label} ({kind_text})" if label else kind_text
            desc = self.text(_dedent(body))
            while desc and not desc[-1]:
                desc.pop()
            if desc and not desc[0].startswith(("```", "- ")):
                first, rest = desc[0], desc[1:]
                joined = [first]
                while rest and rest[0] and not rest[0].startswith(("```", "- ")):
                    joined.append(rest.pop(0))
                out.append(f"- {label}: {' '.join(joined)}")
                out += [f"  {line}" if line else "" for line in rest]
            else:
                out.append(f"- {label}")
                if desc:
                    out += ["", *[f"  {line}" if line else "" for line in desc]]
        return [*out, ""]

    def _type(self, kind: str) -> str:
        if re.fullmatch(r"[A-Za-z_][\w.]*", kind):
            return self.ref(kind)
        return self.inline(kind)

    def docstring(self, doc: str) -> list[str]:
        """A whole numpydoc docstring as Markdown lines."""
        lines = doc.splitlines()
        parts: list[tuple[str | None, list[str]]] = [(None, [])]
        i = 0
        while i < len(lines):
            line = lines[i]
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if (
                line.strip() in _HEADERS
                and re.fullmatch(r"-{3,}", nxt.strip())
                and _indent(line) == 0
            ):
                parts.append((line.strip(), []))
                i += 2
                continue
            parts[-1][1].append(line)
            i += 1
        out: list[str] = []
        for header, body in parts:
            if header is None:
                out += self.text(body)
                continue
            out += [f"**{header}**", ""]
            out += self.entries(header, body) if header in _ENTRY_SECTIONS else self.text(body)
        return _squeeze(out)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _dedent(lines: list[str]) -> list[str]:
    width = min((_indent(line) for line in lines if line.strip()), default=0)
    return [line[width:] if line.strip() else "" for line in lines]


def _squeeze(lines: list[str]) -> list[str]:
    """No leading, trailing or doubled blank lines."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line.rstrip())
    while out and not out[-1]:
        out.pop()
    return out


# ------------------------------------------------------------------ the page


def _constant(name: str, obj: object) -> str:
    """``name: annotation``, with ``= value`` for a tuple or list of plain values."""
    found = _assignment(name, obj)
    annotation = found[1] if found and found[1] else type(obj).__name__
    text = f"{name}: {annotation}"
    if not isinstance(obj, tuple | list) or type(obj) not in (tuple, list):
        return text
    if not all(type(x) in (str, int, float, bool) for x in obj):
        return text
    items = [py_repr(x) for x in obj]
    value = py_repr(obj)
    if len(text) + len(value) + 3 <= _WIDTH:
        return f"{text} = {value}"
    opening, closing = ("(", ")") if type(obj) is tuple else ("[", "]")
    return "\n".join([f"{text} = {opening}", *[f"    {i}," for i in items], closing])


def _entry(name: str, obj: object, render: Renderer) -> list[str]:
    out = [f"### `{name}`", ""]
    doc = docstring(name, obj)
    if inspect.ismodule(obj):
        out += [f"Module `{obj.__name__}`.", ""]
        if doc:
            out += [*render.docstring(doc), ""]
        names = getattr(obj, "__all__", None) or []
        if names:
            listed = ", ".join(
                render.ref(n) if getattr(leadmodel, n, None) is getattr(obj, n) else f"`{n}`"
                for n in names
            )
            out += [f"Public names: {listed}.", ""]
        return out
    if not (inspect.isclass(obj) or inspect.isroutine(obj)):
        out += ["```python", _constant(name, obj), "```", ""]
        out += [render.inline(doc) if doc else "*No description.*", ""]
        return out
    out += ["```python", format_signature(name, obj), "```", ""]
    if inspect.isclass(obj):
        bases = _bases(obj)
        if bases:
            out += ["Bases: " + ", ".join(render.ref(b) for b in bases) + ".", ""]
    out += [*(render.docstring(doc) if doc else ["*No docstring.*"]), ""]
    if inspect.isclass(obj):
        render.context = name
        for member, kind, attr in _members(obj):
            out += [f"#### `{name}.{member}`", ""]
            if kind == "property":
                ret = format_annotation(inspect.signature(attr.fget).return_annotation)
                out += ["```python", f"{name}.{member}" + (f": {ret}" if ret else ""), "```", ""]
                out += ["*Property.*", ""]
                member_doc = attr.__doc__
            else:
                drop = kind == "method"
                out += ["```python", format_signature(f"{name}.{member}", attr, drop_first=drop)]
                out += ["```", ""]
                if kind != "method":
                    out += [f"*{kind.capitalize()}.*", ""]
                member_doc = attr.__doc__
            text = inspect.cleandoc(member_doc) if member_doc else ""
            out += [*(render.docstring(text) if text else ["*No docstring.*"]), ""]
        render.context = ""
    return out


def _lines() -> list[str]:
    names = public_names()
    objects = {n: getattr(leadmodel, n) for n in names}
    by_section: dict[str, list[str]] = {s: [] for s in SECTIONS}
    for n in names:
        by_section[section_of(n, objects[n])].append(n)
    documented = {n: anchor(f"`{n}`") for n in names}
    for n, obj in objects.items():
        if inspect.isclass(obj):
            for member, _, _ in _members(obj):
                documented[f"{n}.{member}"] = anchor(f"`{n}.{member}`")
    render = Renderer(documented)
    out = [
        "# API reference",
        "",
        "Every public name of leadmodel (`leadmodel.__all__`), with its signature and docstring.",
        "This page is generated by `docs/generate_api.py` from the docstrings and checked against",
        "the code by `tests/test_api_docs.py`: edit the docstrings, then rerun",
        "`python docs/generate_api.py`. Column definitions are in [`glossary.md`](glossary.md),",
        "how each metric is computed in [`methodology.md`](methodology.md), preset values and",
        "their sources in [`presets.md`](presets.md).",
        "",
        "## Contents",
        "",
    ]
    for section, members in by_section.items():
        if members:
            links = ", ".join(f"[`{n}`](#{documented[n]})" for n in members)
            out.append(f"- [{section}](#{anchor(section)}): {links}")
    out.append("")
    for section, members in by_section.items():
        if not members:
            continue
        out += [f"## {section}", "", SECTIONS[section], ""]
        for n in members:
            out += _entry(n, objects[n], render)
    return [*_squeeze(out), ""]


def render() -> str:
    """The text of docs/api.md."""
    return "\n".join(_lines())


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8", newline="\n")
