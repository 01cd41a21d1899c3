#!/usr/bin/env python3
"""Checks the recipes in deploy/ without a cluster.

Kubernetes: each manifest is decoded by kubectl into its typed objects and printed again
(`kubectl set image --local ... -o json`, no server needed; only the image changes): a value of the wrong type fails to decode, and
a key the types do not have (a misspelt field) is missing from what kubectl prints, which this script
reports. Then the recipes must agree with each other: the Indexed Job's completions, its parallelism
ceiling and NIANBAO_SHARD_COUNT, the merge Job's shard count, and the Slurm array's size.

Slurm: the scripts must parse (`bash -n`).

    python3 deploy/check_recipes.py        # exit 0 when every check passes
"""
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
problems = []


def missing_keys(given, printed, path=""):
    """Key paths of `given` that `printed` lacks (kubectl dropped them: not fields of the type)."""
    out = []
    if isinstance(given, dict):
        if not isinstance(printed, dict):
            return [path or "/"]
        for key, value in given.items():
            if key not in printed:
                out.append(f"{path}/{key}")
            else:
                out += missing_keys(value, printed[key], f"{path}/{key}")
    elif isinstance(given, list):
        if not isinstance(printed, list) or len(printed) != len(given):
            return [path]
        for i, (a, b) in enumerate(zip(given, printed)):
            out += missing_keys(a, b, f"{path}[{i}]")
    return out


def env(container, name):
    for item in container.get("env", []):
        if item.get("name") == name:
            return item.get("value")
    return None


def check_kubernetes():
    kubectl = shutil.which("kubectl")
    manifests = {}
    for name in sorted(os.listdir(os.path.join(HERE, "kubernetes"))):
        path = os.path.join(HERE, "kubernetes", name)
        with open(path, encoding="utf-8") as f:
            manifests[name] = yaml.safe_load(f)
        if kubectl is None:
            continue
        result = subprocess.run(
            [kubectl, "set", "image", "--local", "-f", path, "*=nianbao-recipe-check", "--dry-run=client", "-o", "json"],
            capture_output=True, text=True)
        if result.returncode != 0:
            problems.append(f"{name}: kubectl cannot decode it: {result.stderr.strip()}")
            continue
        for key in missing_keys(manifests[name], json.loads(result.stdout)):
            problems.append(f"{name}: {key} is no field of {manifests[name].get('kind')} ({manifests[name].get('apiVersion')})")
    if kubectl is None:
        print("check_recipes: kubectl not found: the manifests' types are not checked, only their agreement")
    shards = manifests["nianbao-shards.yaml"]
    merge = manifests["nianbao-merge.yaml"]
    spec = shards["spec"]
    container = spec["template"]["spec"]["containers"][0]
    count = spec.get("completions")
    if not isinstance(count, int):
        problems.append("nianbao-shards.yaml: completions is not a number")
        return 0
    if spec.get("completionMode") != "Indexed":
        problems.append("nianbao-shards.yaml: the Job must be Indexed (completionMode: Indexed)")
    if spec.get("parallelism", count) > count:
        problems.append("nianbao-shards.yaml: parallelism above completions")
    if env(container, "NIANBAO_SHARD_COUNT") != str(count):
        problems.append(f"nianbao-shards.yaml: NIANBAO_SHARD_COUNT is not completions ({count})")
    args = container.get("args", [])
    if "--shard" not in args or args[args.index("--shard") + 1] != "auto":
        problems.append("nianbao-shards.yaml: the shards must run with --shard auto")
    if not any("$(JOB_COMPLETION_INDEX)" in a for a in args):
        problems.append("nianbao-shards.yaml: each index needs its own --output folder ($(JOB_COMPLETION_INDEX))")
    merge_container = merge["spec"]["template"]["spec"]["containers"][0]
    if env(merge_container, "NIANBAO_SHARD_COUNT") != str(count):
        problems.append(f"nianbao-merge.yaml: NIANBAO_SHARD_COUNT is not the shards' count ({count})")
    mounts = {m["name"]: m for m in container.get("volumeMounts", [])}
    if not mounts.get("corpus", {}).get("readOnly"):
        problems.append("nianbao-shards.yaml: the corpus must be mounted read-only")
    return count


def check_slurm(count):
    for name in sorted(os.listdir(os.path.join(HERE, "slurm"))):
        path = os.path.join(HERE, "slurm", name)
        result = subprocess.run(["bash", "-n", path], capture_output=True, text=True)
        if result.returncode != 0:
            problems.append(f"{name}: {result.stderr.strip()}")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        array = re.search(r"^#SBATCH --array=(\d+)-(\d+)", text, re.M)
        if array and int(array.group(2)) - int(array.group(1)) + 1 != count:
            problems.append(f"{name}: the array has {int(array.group(2)) - int(array.group(1)) + 1} tasks, the Job {count}")


def main():
    count = check_kubernetes()
    check_slurm(count)
    for p in problems:
        print(f"check_recipes: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"check_recipes: the recipes agree ({count} shards)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
