"""The FastAPI app: JSON API under ``/v1``, the page at ``/``, ``/healthz``; OpenAPI at ``/docs``.

Every article goes through the :class:`~framing.serve.batcher.MicroBatcher`; corpus uploads become
:class:`~framing.serve.jobs.JobManager` jobs. Errors are JSON ``{"detail": ...}`` that name the fix:
400 (undecodable or unusable input, a CSV without the text column), 401 (token), 413 (body too
large), 422 (wrong JSON shape: ``detail`` lists each field), 503 + ``Retry-After`` (queue full),
504 (no result within ``request_timeout``).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import logging
import re
import secrets
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from framing.errors import (
    FramingError,
    InputValueError,
    ModelLoadError,
    ServerBusyError,
)
from framing.serve.config import ServeConfig, require_serve_extra

require_serve_extra()

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile  # noqa: E402
from fastapi.openapi.docs import get_swagger_ui_html  # noqa: E402
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse  # noqa: E402
from pydantic import BaseModel, ConfigDict, Field, ValidationError  # noqa: E402
from starlette.concurrency import run_in_threadpool  # noqa: E402

from framing.serve.batcher import MicroBatcher  # noqa: E402
from framing.serve.jobs import JobManager, JobSpec, input_suffix  # noqa: E402
from framing.serve.messages import api_message  # noqa: E402

if TYPE_CHECKING:
    from framing.analyzer import Analyzer
    from framing.results import ArticleProfile

__all__ = ["create_app", "AnalyzeRequest", "CompareRequest", "api_message"]

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TextFormat = Literal["text", "html", "auto"]
OutFormat = Literal["json", "html", "text"]


# ---------------------------------------------------------------------------------------------- request bodies
class AnalyzeRequest(BaseModel):
    """``POST /v1/analyze``: one article."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="the article (plain text; an HTML page with text_format html or auto)")
    targets: list[str] | None = Field(default=None, description="names to score stance toward; default: discovered")
    text_format: TextFormat = Field(default="text", description="text, html (extract the main text) or auto")
    title: str | None = Field(default=None, description="title of the HTML report (format=html)")


class CompareArticle(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    label: str | None = Field(default=None, description="name of the article in the comparison (default A, B, ...)")


class CompareRequest(BaseModel):
    """``POST /v1/compare``: two or more articles about the same event."""

    model_config = ConfigDict(extra="forbid")
    articles: list[CompareArticle] = Field(min_length=2)
    targets: list[str] | None = Field(default=None, description="default: targets two or more articles mention")
    text_format: TextFormat = "text"
    title: str | None = None


# ---------------------------------------------------------------------------------------------- errors
def _error(status: int, detail: Any, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def _validation_detail(exc: ValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"]}
        for e in exc.errors(include_url=False, include_input=False)
    ]


class BodyLimit:
    """ASGI middleware: request bodies over ``limit`` bytes get 413 (by Content-Length, or while streaming)."""

    class _TooLarge(Exception):
        pass

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    def _response(self) -> JSONResponse:
        mb = self.limit / 1_000_000
        return _error(
            413,
            f"the request body is larger than the server's limit of {self.limit:,} bytes ({mb:g} MB): split the "
            "input, or start the server with a larger --max-body-mb",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._response()(scope, receive, send)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyLimit._TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyLimit._TooLarge:
            if not started:
                await self._response()(scope, receive, send)


# ---------------------------------------------------------------------------------------------- the page
def _asset(name: str) -> str:
    return resources.files("framing.serve").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def _report_hashes() -> tuple[str, str]:
    """CSP sources for the report's inline CSS and JS: the page shows reports in a sandboxed srcdoc frame,
    which inherits the page's policy."""
    out = []
    for name in ("report.css", "report.js"):
        text = resources.files("framing.report").joinpath("assets").joinpath(name).read_text(encoding="utf-8")
        out.append("'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'")
    return out[0], out[1]


def page_csp() -> str:
    """The page's Content-Security-Policy: everything from this server, nothing from anywhere else."""
    css, js = _report_hashes()
    return (
        f"default-src 'none'; script-src 'self' {js}; style-src 'self' {css}; img-src 'self' blob:; "
        "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


# ---------------------------------------------------------------------------------------------- models
def _card_numbers(folder: Path) -> list[dict[str, Any]]:
    """The key numbers of a model card's ``model-index`` (task, dataset, split, metric, value)."""
    card = folder / "README.md"
    if not card.is_file():
        return []
    text = card.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---", text, re.S)
    if not m:
        return []
    try:
        import yaml

        front = yaml.safe_load(m.group(1)) or {}
    except Exception:  # an unreadable card must not break /v1/models
        logger.warning("cannot read the model card front matter of %s", folder)
        return []
    out = []
    for entry in front.get("model-index") or []:
        for res in entry.get("results") or []:
            task = (res.get("task") or {}).get("name")
            ds = res.get("dataset") or {}
            for metric in res.get("metrics") or []:
                out.append(
                    {
                        "task": task,
                        "dataset": ds.get("name"),
                        "split": ds.get("split"),
                        "metric": metric.get("name") or metric.get("type"),
                        "value": metric.get("value"),
                    }
                )
    return out


def models_info(analyzer: Analyzer) -> dict[str, Any]:
    """``GET /v1/models``: each loaded model (source, tasks, card numbers), the roles and the analyzer settings."""
    models = []
    for i, m in enumerate(analyzer.models):
        source = str(getattr(m, "source", "") or "?")
        folder = Path(source)
        models.append(
            {
                "index": i,
                "source": source,
                "tasks": [{"name": t.name, "kind": t.kind, "labels": list(t.labels)} for t in m.tasks.values()],
                "card": _card_numbers(folder) if folder.is_dir() else [],
            }
        )
    roles = {
        name: None if role is None else {"model": role.model, "task": role.task}
        for name, role in (
            ("loaded", analyzer.roles.loaded),
            ("span", analyzer.roles.span),
            ("stance", analyzer.roles.stance),
        )
    }
    return {"models": models, "roles": roles, "analyzer": analyzer.meta(), "max_chars": analyzer.max_chars}


# ---------------------------------------------------------------------------------------------- the app
def create_app(analyzer: Analyzer, config: ServeConfig | None = None) -> FastAPI:
    """The ASGI app over a loaded ``analyzer``; its micro-batcher and job worker start with the app's lifespan.

    Unfinished batch jobs in ``config.jobs_path`` are resumed at start; at shutdown the running job
    stops at a chunk boundary and queued articles are scored before the worker ends.
    """
    cfg = config or ServeConfig()
    state: dict[str, Any] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        batcher = MicroBatcher(
            analyzer, max_batch=cfg.max_batch, max_wait_ms=cfg.max_wait_ms, queue_size=cfg.queue_size
        )
        jobs = JobManager(analyzer, cfg.jobs_path, batcher.lock, chunk_size=cfg.job_chunk_size)
        state["batcher"], state["jobs"] = batcher, jobs
        resumed = jobs.resume_unfinished()
        if resumed:
            logger.info("resuming %d unfinished batch job(s)", len(resumed))
        try:
            yield
        finally:
            logger.info("shutting down: checkpointing batch jobs, finishing queued articles")
            await run_in_threadpool(jobs.stop, cfg.shutdown_timeout)
            await run_in_threadpool(batcher.stop, cfg.shutdown_timeout)
            logger.info("shut down cleanly")

    app = FastAPI(
        title="framing",
        description="Media framing analysis: loaded wording, stance toward targets, framing profiles.",
        lifespan=lifespan,
        docs_url=None,  # served below from the fastapi-offline package's Swagger UI 5 files: no CDN, works offline
        redoc_url=None,
    )
    app.add_middleware(BodyLimit, limit=cfg.max_body_bytes)

    # ------------------------------------------------------------------ errors
    @app.exception_handler(ServerBusyError)
    async def busy(request: Request, exc: ServerBusyError) -> JSONResponse:
        return _error(503, str(exc), {"Retry-After": "1"})

    @app.exception_handler(FramingError)
    async def framing_error(request: Request, exc: FramingError) -> JSONResponse:
        status = 500 if isinstance(exc, ModelLoadError) else 400
        return _error(status, api_message(str(exc)))

    # ------------------------------------------------------------------ auth
    async def check_token(request: Request) -> None:
        if cfg.token is None:
            return
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), cfg.token.encode()):
            raise HTTPException(
                401,
                "this server needs a token: send the header Authorization: Bearer <token> (the --token it was "
                "started with)",
                headers={"WWW-Authenticate": "Bearer"},
            )

    api = [Depends(check_token)]

    # ------------------------------------------------------------------ helpers
    def batcher() -> MicroBatcher:
        return state["batcher"]

    def jobs() -> JobManager:
        return state["jobs"]

    def prepare(text: Any, text_format: str) -> Any:
        """A str (or Document) the analyzer takes, checked here so one bad article never joins a batch."""
        from framing.inputs import Document, html_to_document, looks_like_html

        if isinstance(text, Document):
            analyzer.check_text(text.text)
            return text
        analyzer.check_text(text)
        if text_format == "html" or (text_format == "auto" and looks_like_html(text)):
            doc = html_to_document(text)
            analyzer.check_text(doc.text)
            return doc
        if looks_like_html(text):
            raise InputValueError(
                'the text is a whole HTML page; send "text_format": "html" (or ?text_format=html) to analyse its '
                "main text"
            )
        return text

    async def score(texts: list[Any], targets: list[str] | None) -> list[ArticleProfile]:
        futures = batcher().submit(texts, targets)
        waits = [asyncio.wrap_future(f) for f in futures]
        try:
            return list(await asyncio.wait_for(asyncio.gather(*waits), cfg.request_timeout))
        except asyncio.TimeoutError:
            raise HTTPException(
                504, f"no result within {cfg.request_timeout:g} s; the server is overloaded, retry later"
            ) from None

    async def read_json(request: Request, model: type[BaseModel]) -> Any:
        body = await request.body()
        try:
            raw = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise HTTPException(
                400,
                f"the request body is not valid UTF-8 (byte {exc.start}): JSON must be UTF-8; re-encode the text "
                "(e.g. iconv -f cp1252 -t utf-8, or Python's text.encode('utf-8')), or send the raw article as "
                "text/plain with ?encoding=NAME",
            ) from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise HTTPException(
                400, f"the request body is not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
            ) from None
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise HTTPException(422, _validation_detail(exc)) from None

    async def read_article(
        request: Request, encoding: str, text_format: str
    ) -> tuple[Any, list[str] | None, str | None]:
        """(text, targets, title) of an analyze request: a JSON object, or the raw article as text/plain."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype in ("", "application/json") or ctype.endswith("+json"):
            req = await read_json(request, AnalyzeRequest)
            return await run_in_threadpool(prepare, req.text, req.text_format), req.targets, req.title
        if ctype.startswith("text/") or ctype == "application/octet-stream":
            from framing.inputs import decode_document

            body = await request.body()
            doc = await run_in_threadpool(
                decode_document, body, encoding=encoding, input_format=text_format, name="the request body"
            )
            item = await run_in_threadpool(prepare, doc if doc.converted else doc.text, "text")
            return item, None, doc.title
        raise HTTPException(415, f"send application/json or text/plain, not {ctype!r}")

    def render(profile: ArticleProfile, fmt: str, title: str | None) -> Response:
        if fmt == "html":
            from framing.report.html import render_article

            return HTMLResponse(render_article(profile, title=title))
        if fmt == "text":
            return Response(profile.summary(), media_type="text/plain; charset=utf-8")
        return Response(profile.to_json(), media_type="application/json")

    json_body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/AnalyzeRequest"}}}}

    # ------------------------------------------------------------------ routes
    @app.get("/healthz", tags=["service"])
    async def healthz() -> dict[str, Any]:
        """Liveness: the analyzer is loaded; queue and micro-batch counters."""
        b = batcher()
        return {
            "status": "ok",
            "queued": b.waiting,
            "queue_size": b.queue_size,
            "batches": b.stats.batches,
            "articles": b.stats.articles,
            "largest_batch": b.stats.largest,
            "refused": b.stats.refused,
        }

    @app.get("/v1/models", dependencies=api, tags=["service"])
    async def models() -> dict[str, Any]:
        """The loaded models, the task serving each role, and their model cards' key numbers."""
        return models_info(analyzer)

    @app.post(
        "/v1/analyze",
        dependencies=api,
        tags=["analysis"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    **json_body["content"],
                    "text/plain": {"schema": {"type": "string", "description": "the raw article (any encoding)"}},
                },
            }
        },
        responses={200: {"description": "the profile as `framing analyze --format json` prints it"}},
    )
    async def analyze(
        request: Request,
        format: Annotated[
            OutFormat, Query(description="json (as framing analyze --format json), html or text")
        ] = "json",
        target: Annotated[list[str] | None, Query(description="text/plain bodies: targets (repeat)")] = None,
        encoding: Annotated[str, Query(description="text/plain bodies: the encoding of the body")] = "utf-8",
        text_format: Annotated[TextFormat, Query(description="text/plain bodies: text, html or auto")] = "text",
    ) -> Response:
        """Analyse one article: JSON ``{"text", "targets"?, "text_format"?}`` or the article as text/plain."""
        item, targets, title = await read_article(request, encoding, text_format)
        (profile,) = await score([item], targets or target or None)
        return await run_in_threadpool(render, profile, format, title)

    @app.post(
        "/v1/compare",
        dependencies=api,
        tags=["analysis"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CompareRequest"}}},
            }
        },
    )
    async def compare_articles(
        request: Request, format: Annotated[OutFormat, Query(description="json, html or text")] = "json"
    ) -> Response:
        """Compare two or more articles about the same event (as ``framing compare``)."""
        from framing.report.compare import compare
        from framing.targets import shared_targets

        req = await read_json(request, CompareRequest)
        names = [a.label or (chr(ord("A") + i) if i < 26 else f"#{i + 1}") for i, a in enumerate(req.articles)]
        if len(set(names)) != len(names):
            raise HTTPException(
                422, [{"loc": ["body", "articles", "label"], "msg": "labels must be unique", "type": "value_error"}]
            )
        items = [await run_in_threadpool(prepare, a.text, req.text_format) for a in req.articles]
        texts = [getattr(it, "text", it) for it in items]
        targets = req.targets or await run_in_threadpool(shared_targets, texts) or None
        profiles = await score(items, targets)
        result = compare(profiles, names=names, targets=targets)
        if format == "html":
            return HTMLResponse(await run_in_threadpool(result.to_html, req.title))
        if format == "text":
            return Response(result.to_text(), media_type="text/plain; charset=utf-8")
        return JSONResponse(result.to_dict())

    @app.post("/v1/batch", dependencies=api, tags=["batch"], status_code=202)
    async def batch(
        file: Annotated[UploadFile, File(description="CSV, TSV, JSONL or Parquet (CSV/JSONL may be .gz)")],
        text_column: Annotated[str, Form()] = "text",
        id_column: Annotated[str | None, Form()] = None,
        targets: Annotated[str | None, Form(description="fixed targets, comma-separated")] = None,
        group_column: Annotated[
            str | None, Form(description="column to group the corpus view by (e.g. outlet)")
        ] = None,
        input_format: Annotated[
            str | None, Form(description="csv, tsv, jsonl or parquet, if the name does not say")
        ] = None,
    ) -> JSONResponse:
        """Upload a corpus; it is scored in the background (resumable). Poll ``/v1/jobs/{id}``."""
        head = await file.read(8)
        await file.seek(0)
        suffix = input_suffix(file.filename, head, input_format or None)
        job_id, folder = jobs().new_folder()
        path = folder / f"input{suffix}"
        try:
            with open(path, "wb") as fh:
                while block := await file.read(1 << 20):
                    fh.write(block)
        except BaseException:  # no half-stored upload left behind
            shutil.rmtree(folder, ignore_errors=True)
            raise
        names = tuple(t.strip() for t in targets.split(",") if t.strip()) if targets else None
        spec = JobSpec(text_column or "text", id_column or None, names or None, group_column or None)
        meta = await run_in_threadpool(jobs().create, job_id, path, file.filename, spec)
        return JSONResponse(
            {**meta, "status_url": f"/v1/jobs/{job_id}", "result_url": f"/v1/jobs/{job_id}/result"}, status_code=202
        )

    def job_or_404(job_id: str) -> None:
        try:
            jobs().folder(job_id)
        except KeyError:
            raise HTTPException(404, f"no job {job_id!r} (the id comes from POST /v1/batch)") from None

    @app.get("/v1/jobs/{job_id}", dependencies=api, tags=["batch"])
    async def job_status(job_id: str) -> dict[str, Any]:
        """State (queued, running, interrupted, done, failed), rows done of rows total, the summary when done."""
        job_or_404(job_id)
        return await run_in_threadpool(jobs().status, job_id)

    def finished(job_id: str) -> None:
        job_or_404(job_id)
        state_ = jobs().meta(job_id)["state"]
        if state_ != "done":
            raise HTTPException(409, f"job {job_id} is {state_}, not done: poll /v1/jobs/{job_id} until it is")

    @app.get("/v1/jobs/{job_id}/result", dependencies=api, tags=["batch"])
    async def job_result(
        job_id: str,
        table: Annotated[Literal["articles", "sentences"], Query()] = "articles",
        format: Annotated[Literal["jsonl", "parquet"], Query()] = "jsonl",
    ) -> Response:
        """The article or sentence table of a finished job, streamed as JSON lines or sent as Parquet."""
        finished(job_id)
        if format == "parquet":
            path = jobs().result_path(job_id, table)
            return FileResponse(path, media_type="application/vnd.apache.parquet", filename=f"{job_id}.{table}.parquet")
        return StreamingResponse(
            jobs().iter_jsonl(job_id, table),
            media_type="application/x-ndjson",
            headers={"Content-Disposition": f'attachment; filename="{job_id}.{table}.jsonl"'},
        )

    @app.get("/v1/jobs/{job_id}/corpus", dependencies=api, tags=["batch"])
    async def job_corpus(job_id: str) -> dict[str, Any]:
        """The corpus view of a finished job: mean stance and loaded density per group, with intervals."""
        finished(job_id)
        return await run_in_threadpool(jobs().corpus, job_id)

    @app.get("/v1/jobs/{job_id}/plot.png", dependencies=api, tags=["batch"])
    async def job_plot(job_id: str) -> Response:
        """The corpus view's plot (PNG; needs matplotlib, part of framing[serve])."""
        finished(job_id)
        try:
            path = await run_in_threadpool(jobs().plot, job_id)
        except ImportError:
            raise HTTPException(501, "the plot needs matplotlib: pip install 'framing[serve]'") from None
        return FileResponse(path, media_type="image/png")

    original_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        """FastAPI's schema plus the request bodies the handlers parse themselves (to word their own errors)."""
        if app.openapi_schema:
            return app.openapi_schema
        schema = original_openapi()
        comps = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (AnalyzeRequest, CompareRequest):
            js = model.model_json_schema(ref_template="#/components/schemas/{model}")
            comps.update(js.pop("$defs", {}))
            comps[model.__name__] = js
        return schema

    app.openapi = openapi  # type: ignore[method-assign]

    headers = {
        "Content-Security-Policy": page_csp(),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }

    @app.get("/", include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(_asset("index.html"), headers=headers)

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="framing API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/favicon.ico",
        )

    @app.get("/docs-assets/{name}", include_in_schema=False)
    async def docs_asset(name: str) -> Response:
        import fastapi_offline

        types = {"swagger-ui-bundle.js": "text/javascript; charset=utf-8", "swagger-ui.css": "text/css; charset=utf-8"}
        if name not in types:
            raise HTTPException(404, "no such asset")
        path = Path(fastapi_offline.__file__).parent / "static" / name
        return Response(path.read_bytes(), media_type=types[name], headers={"Cache-Control": "max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/assets/{name}", include_in_schema=False)
    async def asset(name: str) -> Response:
        types = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
        if name not in types:
            raise HTTPException(404, "no such asset")
        return Response(_asset(name), media_type=types[name], headers=headers)

    return app
