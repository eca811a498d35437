#!/usr/bin/env python3
"""Checks every IIIF manifest and collection of a published Memoria site.

Each one must load in iiif-prezi3 (the IIIF community's Presentation 3 library) and follow the rules
Memoria promises: absolute ids under the site's base URL, a `service` of type ImageService3 on each
painting annotation's body whose info.json is on the site with every whole-image size it lists,
`partOf` a fonds Collection that lists the manifest back, `rights` only as a URI, `navDate` as an
ISO date-time; the site's own Collection (iiif/coleccion.json) lists every fonds Collection, and
each of them is `partOf` it. Every address under the base URL must be a file of the site.

    python3 scripts/iiif_check.py SITE_FOLDER BASE_URL      # exit 0: no problems
"""
import json
import pathlib
import re
import sys

from iiif_prezi3 import Collection, Manifest


def main():
    site, base = pathlib.Path(sys.argv[1]), sys.argv[2]
    problems = []

    def local(url, where):
        if not url.startswith(base):
            problems.append(f"{where}: {url} is not under {base}")
            return None
        path = site / url[len(base):]
        return path / "index.html" if url.endswith("/") else path

    def must_exist(url, where):
        path = local(url, where)
        if path is not None and not path.is_file():
            problems.append(f"{where}: {url} is not a file of the site")

    def ids(node, where):
        if isinstance(node, dict):
            if "id" in node and not re.match(r"^https?://|^file://", str(node["id"])):
                problems.append(f"{where}: id {node['id']!r} is not absolute")
            for value in node.values():
                ids(value, where)
        elif isinstance(node, list):
            for value in node:
                ids(value, where)

    site_collection, listed = site / "iiif" / "coleccion.json", set()
    site_id = base + "iiif/coleccion.json"
    if not site_collection.is_file():
        problems.append("iiif/coleccion.json: the site's Collection is missing")
    else:
        data = json.loads(site_collection.read_text(encoding="utf-8"))
        try:
            Collection(**data)
        except Exception as error:
            problems.append(f"iiif/coleccion.json: iiif-prezi3: {error}")
        if data.get("id") != site_id:
            problems.append(f"iiif/coleccion.json: id {data.get('id')} should be {site_id}")
        ids(data, "iiif/coleccion.json")
        for item in data.get("items", []):
            if item.get("type") != "Collection":
                problems.append(f"iiif/coleccion.json: {item.get('id')} is a {item.get('type')}, not a fonds Collection")
            listed.add(item.get("id"))
            must_exist(item.get("id", ""), "iiif/coleccion.json")

    collections = {}
    for path in sorted(site.glob("fondos/*/coleccion.json")):
        name = str(path.relative_to(site))
        data = json.loads(path.read_text(encoding="utf-8"))
        try:
            Collection(**data)
        except Exception as error:  # iiif-prezi3 raises pydantic's ValidationError
            problems.append(f"{name}: iiif-prezi3: {error}")
        if data.get("id") != base + name:
            problems.append(f"{name}: id {data.get('id')} should be {base + name}")
        ids(data, name)
        if data.get("id") not in listed:
            problems.append(f"{name}: not listed in the site's Collection iiif/coleccion.json")
        if [p.get("id") for p in data.get("partOf", []) if p.get("type") == "Collection"] != [site_id]:
            problems.append(f"{name}: partOf {data.get('partOf')} is not the site's Collection {site_id}")
        collections[data.get("id")] = {item.get("id") for item in data.get("items", [])}
        for item in data.get("items", []):
            must_exist(item.get("id", ""), name)

    manifests = sorted(site.glob("items/*/manifest.json"))
    for path in manifests:
        name = str(path.relative_to(site))
        data = json.loads(path.read_text(encoding="utf-8"))
        try:
            Manifest(**data)
        except Exception as error:
            problems.append(f"{name}: iiif-prezi3: {error}")
        if data.get("id") != base + name:
            problems.append(f"{name}: id {data.get('id')} should be {base + name}")
        ids(data, name)
        parents = [p.get("id") for p in data.get("partOf", []) if p.get("type") == "Collection"]
        if not parents or not all(data.get("id") in collections.get(p, set()) for p in parents):
            problems.append(f"{name}: partOf {parents} is not a fonds collection listing this manifest")
        if "rights" in data and not re.match(r"^https?://(creativecommons\.org|rightsstatements\.org)/", data["rights"]):
            problems.append(f"{name}: rights {data['rights']!r} is not a Creative Commons or RightsStatements.org URI")
        if "navDate" in data and not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", data["navDate"]):
            problems.append(f"{name}: navDate {data['navDate']!r} is not an ISO date-time")
        if not data.get("items"):
            problems.append(f"{name}: no canvases")
        for canvas in data.get("items", []):
            for page in canvas.get("items", []):
                for annotation in page.get("items", []):
                    if annotation.get("motivation") != "painting":
                        continue
                    body = annotation.get("body", {})
                    must_exist(body.get("id", ""), name)
                    services = [s for s in body.get("service", []) if s.get("type") == "ImageService3"]
                    if not services:
                        problems.append(f"{name}: {canvas.get('id')}: the painted image has no ImageService3 service")
                    for service in services:
                        info_path = local(service["id"] + "/info.json", name)
                        if info_path is None or not info_path.is_file():
                            problems.append(f"{name}: {service['id']}/info.json is not on the site")
                            continue
                        info = json.loads(info_path.read_text(encoding="utf-8"))
                        if info.get("type") != "ImageService3" or info.get("profile") != "level0" or info.get("id") != service["id"]:
                            problems.append(f"{info_path}: not a level-0 ImageService3 with the service's id")
                        for size in info.get("sizes", []):
                            must_exist(f"{service['id']}/full/{size['width']},{size['height']}/0/default.jpg", str(info_path))
                        must_exist(f"{service['id']}/full/max/0/default.jpg", str(info_path))

    for problem in problems:
        print(problem)
    print(f"{len(manifests)} manifests, {len(collections)} fonds collections, {len(listed)} in the site's collection, {len(problems)} problems")
    if not manifests or not collections:
        print("no manifests or collections found: is site.base_url set?")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
