"""Publishing: the GitHub Actions workflow, the repository settings (kept in one place,
``repository:`` in ``_config.yml``), the launch buttons and what Binder installs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def _steps(workflow: dict) -> list[tuple[str, dict]]:
    return [(name, step) for name, job in workflow["jobs"].items() for step in job["steps"]]


def _uses(workflow: dict, action: str) -> list[tuple[str, dict]]:
    return [(job, s) for job, s in _steps(workflow) if s.get("uses", "").startswith(action + "@")]


def test_workflow_runs_on_pushes_to_main_and_on_pull_requests(workflow: dict) -> None:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on
    assert workflow["concurrency"]["group"]


def test_workflow_tests_with_the_scripts_on_python_3_11_and_chromium(workflow: dict) -> None:
    test = workflow["jobs"]["test"]
    assert test["runs-on"] == "ubuntu-latest"
    (_, python), = _uses(workflow, "actions/setup-python")
    assert str(python["with"]["python-version"]) == "3.11"
    runs = [s.get("run", "") for _, s in _steps(workflow)]
    assert any(r.strip() == "./scripts/test" for r in runs)
    assert any("CHROMIUM=" in r and "GITHUB_ENV" in r for r in runs)
    assert any("apt-get install" in r and "chromium" in r for r in runs)


def test_workflow_uploads_the_built_site_and_deploys_it_from_main_only(workflow: dict) -> None:
    (job, upload), = _uses(workflow, "actions/upload-pages-artifact")
    assert job == "test" and upload["with"]["path"] == "_build/html"
    main_only = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert upload["if"] == main_only
    (job, _), = _uses(workflow, "actions/deploy-pages")
    deploy = workflow["jobs"][job]
    assert deploy["needs"] == "test" and deploy["if"] == main_only
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["permissions"] == {"contents": "read"}  # nothing else may write


def test_every_action_is_pinned(workflow: dict) -> None:
    uses = [s["uses"] for _, s in _steps(workflow) if "uses" in s]
    assert uses
    assert [u for u in uses if not re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+(\.\d+)*|[0-9a-f]{40})", u)
            ] == []


def test_workflow_publishes_the_offline_zip(workflow: dict) -> None:
    runs = [s.get("run", "") for _, s in _steps(workflow)]
    assert "./scripts/build --zip" in runs
    (_, upload), = _uses(workflow, "actions/upload-artifact")
    assert upload["with"]["path"] == "_build/course-site.zip"


def test_repository_is_a_real_github_url_named_once(config: dict) -> None:
    repo = config["repository"]
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", repo["url"])
    assert "example" not in repo["url"]
    assert repo["branch"] == "main" and repo["path_to_book"] == ""
    text = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert text.count(repo["url"]) == 1  # the theme options refer to it by a YAML alias
    theme = config["sphinx"]["config"]["html_theme_options"]
    assert theme["repository_url"] == repo["url"]
    assert theme["repository_branch"] == repo["branch"]
    assert theme["path_to_docs"] == repo["path_to_book"]
    for path in [ROOT / "README.md", WORKFLOW, *ROOT.glob("binder/*"), *ROOT.glob("coursekit/*.py"),
                 *ROOT.glob("book/_site_static/*.js")]:
        assert repo["url"] not in path.read_text(encoding="utf-8"), path


def test_launch_buttons_open_binder_and_colab_without_thebe(config: dict) -> None:
    launch = config["launch_buttons"]
    assert launch["binderhub_url"] == "https://mybinder.org"
    assert launch["colab_url"] == "https://colab.research.google.com"
    assert launch["thebe"] is False
    assert config["sphinx"]["config"]["html_theme_options"]["launch_buttons"] == launch
    assert "sphinx_thebe" not in config["sphinx"]["config"]["extensions"]


def test_binder_installs_the_lock_and_the_course_package() -> None:
    binder = ROOT / "binder"
    lines = [ln.strip() for ln in (binder / "requirements.txt").read_text().splitlines()]
    assert "-r ../requirements.txt" in lines  # repo2docker ignores the root once binder/ exists
    assert (binder / "runtime.txt").read_text().strip() == "python-3.11"
    post = binder / "postBuild"
    assert post.stat().st_mode & 0o111, "postBuild must be executable"
    assert "pip install --no-deps -e ." in post.read_text()


def test_downloads_extension_and_offline_script_are_registered(config: dict) -> None:
    extensions = config["sphinx"]["config"]["extensions"]
    assert extensions.index("coursekit.downloads") > extensions.index("coursekit.bibtex_etal")
    assert "offline.js" in config["sphinx"]["config"]["html_js_files"]
    assert (ROOT / "book" / "_site_static" / "offline.js").is_file()


@pytest.mark.slow
def test_lesson_pages_link_binder_and_colab_to_this_repository(site_html: Path,
                                                                config: dict) -> None:
    owner_repo = config["repository"]["url"].removeprefix("https://github.com/")
    page = next(iter(sorted(site_html.glob("notebooks/*.html"))))
    html = page.read_text(encoding="utf-8")
    name = page.with_suffix(".ipynb").name
    binder = f"https://mybinder.org/v2/gh/{owner_repo}/main?urlpath=lab/tree/notebooks/{name}"
    colab = f"https://colab.research.google.com/github/{owner_repo}/blob/main/notebooks/{name}"
    assert binder in html and colab in html
    intro = (site_html / "book" / "intro.html").read_text(encoding="utf-8")
    assert "mybinder.org" not in intro  # a Markdown page has nothing to launch


def test_the_link_report_runs_weekly_apart_from_the_site() -> None:
    links = yaml.safe_load((WORKFLOW.parent / "links.yml").read_text(encoding="utf-8"))
    on = links.get("on", links.get(True))
    assert on["schedule"] and "workflow_dispatch" in on and "push" not in on
    runs = [s.get("run", "") for job in links["jobs"].values() for s in job["steps"]]
    assert any(re.search(r"^coursekit links\b", r, re.M) for r in runs)
    assert links["permissions"] == {"contents": "read"}
