"""What Telegram accepts (HTML entities, length limits, callback data, commands), and splitting."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER = 200
MAX_COMMANDS = 100
COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")

# tag -> (entity type, attributes it may carry)
TAGS: dict[str, tuple[str, frozenset[str]]] = {
    "b": ("bold", frozenset()),
    "strong": ("bold", frozenset()),
    "i": ("italic", frozenset()),
    "em": ("italic", frozenset()),
    "u": ("underline", frozenset()),
    "ins": ("underline", frozenset()),
    "s": ("strikethrough", frozenset()),
    "strike": ("strikethrough", frozenset()),
    "del": ("strikethrough", frozenset()),
    "span": ("spoiler", frozenset({"class"})),
    "tg-spoiler": ("spoiler", frozenset()),
    "a": ("text_link", frozenset({"href"})),
    "code": ("code", frozenset({"class"})),
    "pre": ("pre", frozenset()),
    "blockquote": ("blockquote", frozenset({"expandable"})),
    "tg-emoji": ("custom_emoji", frozenset({"emoji-id"})),
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_TAG_RE = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
_ATTR_RE = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>\"']+))?")
_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);")


class TelegramRuleError(ValueError):
    """Something Telegram would answer with 400 Bad Request."""


@dataclass
class ParsedText:
    """Text as Telegram stores it: plain characters plus entities (offsets in UTF-16 units)."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


def utf16_len(text: str) -> int:
    """Length the way Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Atom:
    raw: str
    plain: str = ""
    tag: str = ""
    closing: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


_TEXT_RUN_RE = re.compile(r"[^<>&]+")


def _atoms(source: str, single_chars: bool = False) -> list[_Atom]:
    """Cut Telegram HTML into tags, entities and text (runs, or single characters for splitting);
    reject what Telegram cannot parse."""
    atoms: list[_Atom] = []
    position = 0
    while position < len(source):
        char = source[position]
        if char == "<":
            match = _TAG_RE.match(source, position)
            if not match:
                raise TelegramRuleError(
                    f"Bad Request: can't parse entities: unsupported start tag at offset {position}"
                )
            closing, name, attr_text = match.group(1) == "/", match.group(2).lower(), match.group(3)
            if name not in TAGS:
                raise TelegramRuleError(
                    f'Bad Request: can\'t parse entities: unsupported start tag "{name}"'
                )
            attrs = {
                key.lower(): html.unescape((value or "").strip("\"'"))
                for key, value in _ATTR_RE.findall(attr_text)
            }
            atoms.append(_Atom(match.group(0), tag=name, closing=closing, attrs=attrs))
            position = match.end()
        elif char == "&":
            match = _ENTITY_RE.match(source, position)
            if not match:
                raise TelegramRuleError("Bad Request: can't parse entities: unescaped '&'")
            atoms.append(_Atom(match.group(0), plain=_entity(match.group(1))))
            position = match.end()
        elif char == ">":
            raise TelegramRuleError("Bad Request: can't parse entities: unescaped '>'")
        else:
            run = _TEXT_RUN_RE.match(source, position)
            assert run is not None
            text = run.group(0)
            atoms.extend(_Atom(c, plain=c) for c in text) if single_chars else atoms.append(
                _Atom(text, plain=text)
            )
            position = run.end()
    return atoms


def _entity(body: str) -> str:
    """The character an HTML entity stands for, if Telegram knows it."""
    if body.startswith("#"):
        code = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
        if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise TelegramRuleError("Bad Request: can't parse entities: bad character code")
        return chr(code)
    if body.lower() in NAMED_ENTITIES:
        return NAMED_ENTITIES[body.lower()]
    raise TelegramRuleError(f"Bad Request: can't parse entities: unknown entity &{body};")


def _check_open_tag(atom: _Atom, stack: list[_Atom]) -> None:
    allowed = TAGS[atom.tag][1]
    unknown = set(atom.attrs) - allowed
    if unknown:
        raise TelegramRuleError(
            f"Bad Request: can't parse entities: unsupported attribute {unknown}"
        )
    if atom.tag == "span" and atom.attrs.get("class") != "tg-spoiler":
        raise TelegramRuleError("Bad Request: can't parse entities: span needs class tg-spoiler")
    if atom.tag == "a" and not atom.attrs.get("href"):
        raise TelegramRuleError("Bad Request: can't parse entities: a tag needs href")
    if atom.tag == "tg-emoji" and not atom.attrs.get("emoji-id"):
        raise TelegramRuleError("Bad Request: can't parse entities: tg-emoji needs emoji-id")
    if (
        stack
        and stack[-1].tag in ("pre", "code")
        and not (stack[-1].tag == "pre" and atom.tag == "code")
    ):
        raise TelegramRuleError("Bad Request: can't parse entities: entities inside code")


def parse_html(source: str) -> ParsedText:
    """Parse Telegram HTML the way the Bot API does, or raise TelegramRuleError."""
    stack: list[tuple[_Atom, int]] = []
    pieces: list[str] = []
    offset = 0
    entities: list[dict[str, Any]] = []
    for atom in _atoms(source):
        if not atom.tag:
            pieces.append(atom.plain)
            offset += utf16_len(atom.plain)
        elif not atom.closing:
            _check_open_tag(atom, [a for a, _ in stack])
            stack.append((atom, offset))
        else:
            if not stack or stack[-1][0].tag != atom.tag:
                raise TelegramRuleError(
                    f'Bad Request: can\'t parse entities: unmatched end tag "{atom.tag}"'
                )
            opened, start = stack.pop()
            if offset > start:
                entity: dict[str, Any] = {
                    "type": TAGS[opened.tag][0],
                    "offset": start,
                    "length": offset - start,
                }
                if opened.tag == "a":
                    entity["url"] = opened.attrs["href"]
                entities.append(entity)
    if stack:
        raise TelegramRuleError(
            f"Bad Request: can't parse entities: can't find end tag for \"{stack[-1][0].tag}\""
        )
    return ParsedText("".join(pieces), sorted(entities, key=lambda e: e["offset"]))


def check_text(source: str, *, limit: int = MAX_TEXT, html_mode: bool = True) -> ParsedText:
    """A message text (or caption with limit=MAX_CAPTION) as Telegram would store it."""
    parsed = parse_html(source) if html_mode else ParsedText(source)
    stripped = parsed.text.strip()
    if limit == MAX_TEXT and not stripped:
        raise TelegramRuleError("Bad Request: message text is empty")
    length = utf16_len(stripped)
    if length > limit:
        kind = "message" if limit == MAX_TEXT else "message caption"
        raise TelegramRuleError(f"Bad Request: {kind} is too long ({length} > {limit})")
    return parsed


def check_callback_data(data: str) -> None:
    """callback_data must be 1-64 bytes of UTF-8."""
    size = len(data.encode("utf-8"))
    if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
        raise TelegramRuleError(f"Bad Request: BUTTON_DATA_INVALID ({size} bytes)")


def check_reply_markup(markup: dict[str, Any] | None) -> None:
    """Inline keyboards: every button has text and exactly one action; callback data in limits."""
    if not markup or "inline_keyboard" not in markup:
        return
    for row in markup["inline_keyboard"]:
        for button in row:
            if not str(button.get("text", "")).strip():
                raise TelegramRuleError(
                    "Bad Request: text buttons are unallowed in inline keyboard"
                )
            actions = [key for key in button if key != "text"]
            if len(actions) != 1:
                raise TelegramRuleError("Bad Request: a button needs exactly one action")
            if "callback_data" in button:
                check_callback_data(str(button["callback_data"]))


def check_commands(commands: list[dict[str, Any]]) -> None:
    """setMyCommands: up to 100 commands, each [a-z0-9_]{1,32}, described in 1-256 characters."""
    if len(commands) > MAX_COMMANDS:
        raise TelegramRuleError("Bad Request: too many commands")
    for command in commands:
        if not COMMAND_RE.match(str(command.get("command", ""))):
            raise TelegramRuleError("Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
            raise TelegramRuleError("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")


def split_html(source: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut long HTML into valid messages: at line ends if possible, tags closed and reopened."""
    if utf16_len(source) <= limit:  # markup only shortens: the parsed text fits too
        return [source] if source.strip() else []  # templates are checked by tests, not per send
    atoms = _atoms(source, single_chars=True)
    chunks: list[str] = []
    start, open_tags = 0, list[_Atom]()  # opening tags in force at `start`
    while start < len(atoms):
        stack = list(open_tags)
        length = 0
        cut, cut_stack = len(atoms), stack
        best_line = best_space = None
        index = start
        while index < len(atoms):
            atom = atoms[index]
            size = utf16_len(atom.plain)
            if length + size > limit:
                chosen = best_line or best_space or (index, list(stack))
                cut, cut_stack = chosen
                break
            length += size
            if atom.tag and not atom.closing:
                stack.append(atom)
            elif atom.tag:
                stack.pop()
            elif atom.plain == "\n":
                best_line = (index + 1, list(stack))
            elif atom.plain == " ":
                best_space = (index + 1, list(stack))
            index += 1
        else:
            cut, cut_stack = len(atoms), stack
        if cut <= start:  # one atom wider than the limit cannot happen for text; guard anyway
            cut, cut_stack = start + 1, stack
        body = "".join(a.raw for a in open_tags) + "".join(a.raw for a in atoms[start:cut])
        body += "".join(f"</{a.tag}>" for a in reversed(cut_stack))
        if parse_html(body).text.strip():
            chunks.append(body.strip("\n"))
        start, open_tags = cut, cut_stack
    return chunks
