"""Owns ``policyqa serve``: uvicorn over ``create_app``."""

from __future__ import annotations

import click

from policyqa.cli.base import main
from policyqa.settings import Settings


@main.command()
@click.option("--host", default=None, help="默认 127.0.0.1")
@click.option("--port", default=None, type=int, help="默认 8000")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 32))
@click.option("--open", "open_browser", is_flag=True, help="启动后在浏览器中打开页面")
@click.pass_context
def serve(
    ctx: click.Context, host: str | None, port: int | None, workers: int, open_browser: bool
) -> None:
    """启动 HTTP 服务和问答页面（索引缺失时先建立索引）。"""
    import uvicorn

    settings: Settings = ctx.obj
    host = host or settings.server.host
    port = port or settings.server.port
    url = f"http://{host}:{port}"
    click.echo(f"policyqa 服务地址 (serving at): {url}  (API docs: {url}/docs)", err=True)
    if workers > 1 and not settings.chroma.url:
        click.echo(
            "提示：多个 worker 共用嵌入式 Chroma 只适合只读查询；扩展请用 chroma run + "
            "POLICYQA_CHROMA_URL",
            err=True,
        )
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(20, webbrowser.open, args=(url,)).start()
    uvicorn.run(
        "policyqa.server.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )
