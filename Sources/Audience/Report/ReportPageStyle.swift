/// The look of the statistics report's page (and of the director's dashboard, which shares it):
/// system fonts, the site's colours, tables and inline SVG charts. Inline: nothing is loaded.
public enum ReportPageStyle {
    public static let css = """
    :root { color-scheme: light; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #fff; }
    main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
    h1 { font-size: 1.7rem; line-height: 1.25; color: #4a1e2c; }
    h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 2px solid #e3d6c9; padding-bottom: .2rem; color: #4a1e2c; }
    .periodo, .nota { color: #454545; }
    .cifras { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .75rem; }
    .cifras li { background: #f6f1eb; border-radius: .4rem; padding: .6rem .9rem; min-width: 9rem; }
    .cifras strong { display: block; font-size: 1.5rem; color: #1d5a8a; }
    .tabla { overflow-x: auto; margin: 1rem 0; }
    table { border-collapse: collapse; width: 100%; font-size: .95rem; }
    caption { text-align: left; font-weight: 600; padding: .3rem 0; }
    th, td { padding: .35rem .6rem; border-bottom: 1px solid #ddd; text-align: right; vertical-align: top; }
    th[scope=row], thead th:first-child { text-align: left; font-weight: normal; }
    thead th { font-weight: 600; background: #f6f1eb; }
    .id { color: #555; font-size: .85rem; }
    code { font-size: .9rem; word-break: break-all; }
    .grafica { width: 100%; height: auto; margin: .5rem 0; }
    .grafica text { font-size: 13px; fill: #1b1b1b; }
    .grafica .eje { stroke: #ccc; stroke-width: 1; }

    """
}
