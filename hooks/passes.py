"""The site's build, pass by pass, in the order the passes run.

mkdocs.yml lists one hook, hooks/main.py, which hands each event to the function of the
same name here. Each pass is a function of another module of this package:

    on_config       fences run by hooks/execution.py (kept, checked)    execution.install
                    labs kept per version of the package                labs.cache_dir
                    the runtime fetched and web/ bundled                runtime.prepare
    on_files        every lab kept, not only those made again (serve)   labs.keep_cache
                    pages that read a changed file made again (serve)   rebuild.forget_stale
                    downloads/micrograd.py added                        single_file.add
                    downloads/<the course's wheel> added                wheel.add
                    overrides/partials/*.js left out (written into pages)
    a page's Markdown
                    1. output pasted under a fence refused              execution.pasted
                    2. markers read and checked; pitfalls' attributes   markers.read
                    3. answers (parsons, compare) behind a gate         exercises.gates
                    4. fences that run in the page wrapped as cells     runtime.mark_cells
    a page's HTML   1. TeX to MathML                                    mathml.convert
                    2. tables in focusable boxes                        blocks.focusable_tables
                    3. a lab's notebook made light, its cells runnable  labs.page_content
                    4. the page's description                           pages.set_description
                    5. markers replaced by their markup                 markers.write
    a finished page 1. code blocks made light, with copy buttons        blocks.light_code
                    2. the features' stylesheets linked                 runtime.link_styles
    after the pages assets/course/                                      runtime.write_assets

What a pass learns about a page for a later one is kept on ``page.meta["course"]``
(hooks/model.py); what a page's build read, from ``on_pre_page`` to ``on_page_content``,
in hooks/load.py (for hooks/rebuild.py).
"""

from hooks import (
    blocks,
    execution,
    exercises,
    labs,
    load,
    markers,
    mathml,
    pages,
    rebuild,
    runtime,
    single_file,
    wheel,
)


def on_config(config):
    execution.install()
    if jupyter := config.plugins.get("mkdocs-jupyter"):
        jupyter.config["cache_dir"] = labs.cache_dir()
    runtime.prepare()
    return config


def on_files(files, config):
    labs.keep_cache(config)
    rebuild.forget_stale(files)
    for file in [
        f
        for f in files
        if f.src_uri.startswith("partials/") and f.src_uri.endswith(".js")
    ]:
        files.remove(file)
    return wheel.add(single_file.add(files, config), config)


def on_pre_page(page, config, files):
    load.start_page(page.file.src_uri)
    return page


def on_page_markdown(markdown, page, config, files):
    execution.pasted(markdown, page.file.src_uri)
    markdown = exercises.gates(markers.read(markdown, page, files))
    if page.file.src_uri.endswith(".md"):
        markdown = runtime.mark_cells(markdown)
    return markdown


def on_page_content(html, page, config, files):
    where = page.file.src_uri
    html = mathml.convert(html, where)
    html = blocks.focusable_tables(html)
    if labs.is_lab(page):
        html = labs.page_content(html, page)
        labs.write_notebook(page, config["site_dir"])
    pages.set_description(html, page)
    html = markers.write(html, page, files)
    html = exercises.own_words(html, page)
    load.stop_page(where)
    return html


def on_post_page(output, page, config):
    return runtime.link_styles(blocks.light_code(output), page)


def on_template_context(context, template_name, config):
    return pages.not_found_context(context, template_name, config)


def on_post_build(config):
    runtime.write_assets(config)
