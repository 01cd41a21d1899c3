#!/bin/bash
# nianbao over a corpus on a Slurm cluster: an array of N tasks, each one shard (`run --shard auto`:
# SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN, of SLURM_ARRAY_TASK_COUNT), each with its own output
# folder and stage cache on shared storage; nianbao-merge.sh runs once every task has finished.
#
#   shards=$(sbatch --parsable deploy/slurm/nianbao-array.sh /shared/corpus /shared/nianbao)
#   sbatch --dependency=afterok:$shards deploy/slurm/nianbao-merge.sh /shared/nianbao 16
#
# A failed task is run again with `sbatch --array=K deploy/slurm/nianbao-array.sh ...`: it resumes from its
# cache. Keep the array's size when rerunning: the shard of a document depends on it.
#SBATCH --job-name=nianbao-shards
#SBATCH --array=0-15
#SBATCH --cpus-per-task=2
#SBATCH --mem=6G
#SBATCH --time=24:00:00
#SBATCH --output=nianbao-shard-%a.log
set -euo pipefail
corpus=${1:?usage: nianbao-array.sh CORPUS WORK}
work=${2:?usage: nianbao-array.sh CORPUS WORK}
index=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-0}))
exec nianbao run "$corpus" --shard auto --output "$work/shards/$index" --jobs "${SLURM_CPUS_PER_TASK:-2}" --quiet
