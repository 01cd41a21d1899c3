#!/bin/bash
# The merge of nianbao-array.sh's shards into WORK/merged, byte-identical to one run over the whole
# corpus; submitted with --dependency=afterok on the array, it refuses when a shard is missing or did
# not finish (add --partial to merge what there is).
#SBATCH --job-name=nianbao-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=4G
#SBATCH --time=4:00:00
#SBATCH --output=nianbao-merge.log
set -euo pipefail
work=${1:?usage: nianbao-merge.sh WORK SHARDS}
count=${2:?usage: nianbao-merge.sh WORK SHARDS}
shards=()
for ((k = 0; k < count; k++)); do shards+=("$work/shards/$k"); done
exec nianbao merge "${shards[@]}" --output "$work/merged"
