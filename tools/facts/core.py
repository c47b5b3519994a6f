"""Facts every architecture has, read off one walk: counts, costs, depths, shapes, strides.

Each fact is documented in ``CORE_FACT_DOCS`` (unit, meaning); a test keeps every produced fact
documented. Family facts (``tools.families``) add to these, never replace them.
"""

from __future__ import annotations

import pandas as pd
from torch import nn

from tools import units
from tools.introspect.records import AUXILIARY, Walk
from tools.introspect.tensors import params_by_kind

# name: (unit, meaning)
CORE_FACT_DOCS: dict[str, tuple[str, str]] = {
    "model": ("", "registered model name"),
    "family": ("", "architecture family: resnet, vgg, inception or densenet"),
    "dataset": ("", "the data set the model is built for: cifar10 (32×32) or imagenet"),
    "options": ("", "option values in force"),
    "source": ("", "where the paper specifies the architecture"),
    "input_size": ("pixels", "side of the square input image the facts are measured at"),
    "num_classes": ("", "outputs of the final fully connected layer"),
    "params": ("parameters", "all parameters (weights and biases), counted with numel"),
    "trainable_params": ("parameters", "parameters with requires_grad"),
    "bn_running_stats": ("values", "BatchNorm running mean and variance: buffers, not parameters"),
    "params_with_bn_stats": ("values", "params + bn_running_stats: the total when BatchNorm statistics count as non-trainable params, as Keras counts them"),
    "param_size_mb": ("MB", "params × 4 bytes (float32) / 10^6"),
    "macs": (units.MACS, units.DEFINITIONS[units.MACS]["en"]),
    "flops": (units.FLOPS, units.DEFINITIONS[units.FLOPS]["en"]),
    "torchinfo_mult_adds": ("mult-adds", "torchinfo's total: MACs plus BatchNorm (2 per channel) and bias terms"),
    "paper_depth": ("layers", "the depth the model's paper states, by the paper's own count: weighted layers on the main path for ResNet, VGG and DenseNet; for Inception-v3, the layers on the longest path through its modules (its family's depth_fact)"),
    "weighted_layers": ("layers", "main-path convolutions + fc layers, side paths (projection shortcuts) left out; for branching modules every branch counts"),
    "longest_path": ("layers", "convolutions and fc layers on the longest path from input to output, read off the traced graph"),
    "conv_fc_layers": ("layers", "every convolution and fc layer that runs, side paths (projection shortcuts) included"),
    "param_layers": ("layers", "layers that own parameters (conv, BatchNorm, fc), as a Keras summary lists them"),
    "conv_layers": ("layers", "every convolution, projection shortcuts included"),
    "stem_convs": ("layers", "convolutions in the stem, before the first stage"),
    "fc_layers": ("layers", "fully connected (Linear) layers that run at inference"),
    "fc_params": ("parameters", "parameters of the fully connected layers that run at inference"),
    "fc_params_pct": ("%", "fc_params as a percentage of params, one decimal"),
    "params_by_kind": ("values", "parameters and BatchNorm statistics by kind of tensor: convolution kernels and "
                                 "biases, BatchNorm scales, shifts and running statistics, fully connected weights and biases"),
    "stages": ("stages", "stages the model declares (its anatomy)"),
    "main_path_conv_layers": ("layers", "convolutions on the main path: the stem and the blocks' own"),
    "conv1x1_layers": ("layers", "1×1 convolutions, projection shortcuts included"),
    "stem_output": ("C×H×W", "output shape of the stem: what the first stage receives"),
    "stage_outputs": ("C×H×W", "output shape of every stage"),
    "stage_sizes": ("pixels", "side of each stage's output feature map"),
    "stage_widths": ("channels", "output channels of each stage"),
    "feature_map_sizes": ("pixels", "sides the feature maps pass through, from the input on, each once"),
    "logits_shape": ("", "output shape of the model for one image"),
    "final_feature_map": ("pixels", "side of the last stage's feature map, before global average pooling"),
    "head": ("", "module types after the last stage"),
    "total_stride": ("pixels", "product of the main-path strides: input side / final feature-map side"),
    "receptive_field": ("pixels", "receptive field of the last convolution, along the main path"),
    "batchnorm_layers": ("layers", "BatchNorm layers that run at inference (torchvision's VGG _bn variants put one after every convolution)"),
    "peak_activation_mb": ("MB", "ImageNet models: the most memory the activations of one image hold at once in inference (float32, eval mode, no gradients), the input included, the weights not; each intermediate freed as soon as nothing refers to it"),
}
# Input sizes besides the default at which each ImageNet model's default configuration is measured again
# (tools.introspect.cost): MACs and feature maps move with the input, parameters do not.
OTHER_SIZES = (112, 160, 320)
for _size in OTHER_SIZES:
    CORE_FACT_DOCS |= {
        f"macs_at_{_size}": (units.MACS, f"ImageNet models, default options: MACs for one {_size}×{_size} image"),
        f"params_at_{_size}": ("parameters", f"ImageNet models, default options: parameters of the model run on a {_size}×{_size} image"),
        f"stage_sizes_at_{_size}": ("pixels", f"ImageNet models, default options: side of each stage's output for a {_size}×{_size} image"),
    }


# What a reader sees beside a value: plain words. The fact's name stays one hover away.
CORE_LABELS: dict[str, str] = {
    "params": "Parameters", "trainable_params": "Trainable parameters", "bn_running_stats": "BatchNorm statistics",
    "param_size_mb": "Size of the weights (float32)", "macs": "MACs per image", "flops": "FLOPs per image",
    "torchinfo_mult_adds": "torchinfo's mult-adds", "paper_depth": "The paper's depth",
    "weighted_layers": "Weighted layers (main path)",
    "longest_path": "Weighted layers on the longest path", "conv_fc_layers": "Convolutions + fc layers",
    "param_layers": "Layers with parameters", "stem_output": "Stem output",
    "stage_outputs": "Stage outputs", "final_feature_map": "Last feature map", "total_stride": "Total stride",
    "receptive_field": "Receptive field", "input_size": "Input size", "conv_layers": "Convolutions",
    "stem_convs": "Stem convolutions", "fc_layers": "Fully connected layers",
    "fc_params": "Parameters in fc layers", "fc_params_pct": "Share of parameters in fc layers", "stages": "Stages",
    "params_by_kind": "Parameters by kind", "peak_activation_mb": "Peak activation memory per image",
    "batchnorm_layers": "BatchNorm layers",
}
for _size in OTHER_SIZES:
    CORE_LABELS |= {f"macs_at_{_size}": f"MACs at {_size}×{_size}", f"params_at_{_size}": f"Parameters at {_size}×{_size}",
                    f"stage_sizes_at_{_size}": f"Stage sizes at {_size}×{_size}"}



# The words of these facts, in the languages other than English: {fact: {language: (label, meaning)}}.
CORE_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "model": {"zh": ("模型", "注册的模型名")},
    "family": {"zh": ("架构族", "架构族：resnet、vgg、inception 或 densenet")},
    "dataset": {"zh": ("数据集", "模型面向的数据集：cifar10（32×32）或 imagenet")},
    "options": {"zh": ("选项", "生效的选项取值")},
    "source": {"zh": ("出处", "论文中给出该架构的位置")},
    "input_size": {"zh": ("输入尺寸", "测量各项事实时所用正方形输入图像的边长")},
    "num_classes": {"zh": ("类别数", "最后一个全连接层的输出个数")},
    "params": {"zh": ("参数量", "全部参数（权重与偏置），用 numel 统计")},
    "trainable_params": {"zh": ("可训练参数量", "requires_grad 为真的参数")},
    "bn_running_stats": {"zh": ("批归一化统计量", "BatchNorm 的滑动均值与方差：属于缓冲区（buffer），不是参数")},
    "params_with_bn_stats": {"zh": (
        "参数量（含批归一化统计量）",
        "params + bn_running_stats：把批归一化统计量算作不可训练参数时的总数，即 Keras 的计法",
    )},
    "param_size_mb": {"zh": ("权重大小（float32）", "params × 4 字节（float32）/ 10^6")},
    "macs": {"zh": ("每张图像的 MACs", "卷积层与全连接层处理一张图像的乘加运算次数")},
    "flops": {"zh": ("每张图像的 FLOPs", "浮点运算次数，按 2 × MACs 计")},
    "torchinfo_mult_adds": {"zh": ("torchinfo 的 mult-adds", "torchinfo 给出的总数：MACs 加上 BatchNorm（每通道 2 次）与偏置项")},
    "paper_depth": {"zh": ("论文的深度", "模型所属论文给出的深度，按论文自己的计法：ResNet、VGG、DenseNet 为主路径上带权重的层；"
                                         "Inception-v3 为穿过各模块的最长路径上的层")},
    "weighted_layers": {"zh": (
        "主路径上带权重的层",
        "主路径上的卷积层 + 全连接层，旁路（投影捷径连接）不计；对有分支的模块，每个分支都计入",
    )},
    "longest_path": {"zh": ("最长路径上的带权重的层", "从输入到输出的最长路径上的卷积层与全连接层，从追踪得到的计算图中读出")},
    "conv_fc_layers": {"zh": ("卷积层 + 全连接层", "实际运行的每个卷积层与全连接层，旁路（投影捷径连接）也计入")},
    "param_layers": {"zh": ("含参数的层", "拥有参数的层（卷积、BatchNorm、全连接），与 Keras 模型摘要的列法一致")},
    "conv_layers": {"zh": ("卷积层", "全部卷积层，投影捷径连接也计入")},
    "stem_convs": {"zh": ("起始层卷积", "起始层中、第一个阶段之前的卷积层")},
    "fc_layers": {"zh": ("全连接层", "推理时运行的全连接（Linear）层")},
    "fc_params": {"zh": ("全连接层参数量", "推理时运行的全连接层的参数")},
    "fc_params_pct": {"zh": ("全连接层参数占比", "fc_params 占 params 的百分比，保留一位小数")},
    "params_by_kind": {"zh": ("按类型统计的参数", "按张量类型统计的参数与批归一化统计量：卷积核与卷积偏置、批归一化的缩放、平移与滑动统计量、全连接层的权重与偏置")},
    "stages": {"zh": ("阶段数", "模型声明的阶段（见其 anatomy）")},
    "main_path_conv_layers": {"zh": ("主路径卷积层", "主路径上的卷积层：起始层的，以及各块自身的")},
    "conv1x1_layers": {"zh": ("1×1 卷积层", "1×1 卷积层，投影捷径连接也计入")},
    "stem_output": {"zh": ("起始层输出", "起始层的输出形状，即第一个阶段收到的输入")},
    "stage_outputs": {"zh": ("各阶段输出", "每个阶段的输出形状")},
    "stage_sizes": {"zh": ("各阶段特征图边长", "每个阶段输出特征图的边长")},
    "stage_widths": {"zh": ("各阶段宽度", "每个阶段的输出通道数")},
    "feature_map_sizes": {"zh": ("特征图边长变化", "从输入开始，特征图依次经历的边长，每个只列一次")},
    "logits_shape": {"zh": ("logits 形状", "模型对一张图像的输出形状")},
    "final_feature_map": {"zh": ("最后的特征图", "最后一个阶段特征图的边长，在全局平均池化之前")},
    "head": {"zh": ("头部", "最后一个阶段之后的模块类型")},
    "total_stride": {"zh": ("总步幅", "主路径上各步幅之积：输入边长 / 最终特征图边长")},
    "receptive_field": {"zh": ("感受野", "最后一个卷积层沿主路径的感受野")},
    "batchnorm_layers": {"zh": ("BatchNorm 层", "推理时运行的 BatchNorm 层（torchvision 的 VGG _bn 变体在每个卷积之后放一个）")},
    "peak_activation_mb": {"zh": (
        "激活值峰值内存", "ImageNet 模型：推理时（float32、eval 模式、不求梯度）一张图像的激活值同时占用的最大内存，含输入、不含权重；"
                        "每个中间结果一旦不再被引用就释放",
    )},
}
for _size in OTHER_SIZES:
    CORE_WORDS |= {
        f"macs_at_{_size}": {"zh": (f"{_size}×{_size} 输入时的 MACs", f"ImageNet 模型（默认选项）：处理一张 {_size}×{_size} 图像的乘加次数")},
        f"params_at_{_size}": {"zh": (f"{_size}×{_size} 输入时的参数量", f"ImageNet 模型（默认选项）：在 {_size}×{_size} 图像上运行时的参数量")},
        f"stage_sizes_at_{_size}": {"zh": (f"{_size}×{_size} 输入时各阶段边长", f"ImageNet 模型（默认选项）：输入为 {_size}×{_size} 时每个阶段输出的边长")},
    }


def core_facts(walk: Walk) -> dict[str, object]:
    cfg, model, layers, outputs = walk.config, walk.model, walk.layers, walk.outputs
    entry = cfg.entry
    executed = layers[layers.section != AUXILIARY]
    convs = executed[executed.type == "Conv2d"]
    linears = executed[executed.type == "Linear"]
    main_convs = convs[convs.path == "main"]
    stage_outputs = [outputs[stage.modules[-1]] for stage in model.anatomy.stages]
    bn = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    params = sum(p.numel() for p in model.parameters())
    bn_stats = sum(m.running_mean.numel() + m.running_var.numel() for m in bn)
    macs = int(layers.macs.sum())
    return {
        "model": cfg.name,
        "family": entry.family.name,
        "dataset": entry.dataset,
        "options": dict(cfg.options),
        "source": entry.source,
        "input_size": walk.input_size,
        "num_classes": cfg.num_classes,
        "params": params,
        "trainable_params": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "bn_running_stats": bn_stats,
        "params_with_bn_stats": params + bn_stats,
        "param_size_mb": units.float32_mb(params),
        "macs": macs,
        "flops": units.flops(macs),
        "torchinfo_mult_adds": walk.mult_adds,
        "weighted_layers": len(main_convs) + len(linears),
        "longest_path": walk.graph.longest_path,
        "conv_fc_layers": len(convs) + len(linears),
        "param_layers": int((executed.params > 0).sum()),
        "conv_layers": len(convs),
        "stem_convs": int((convs.section == "stem").sum()),
        "fc_layers": len(linears),
        "fc_params": int(linears.params.sum()),
        "fc_params_pct": round(100 * int(linears.params.sum()) / params, 1),
        "params_by_kind": params_by_kind(model),
        "stages": len(model.anatomy.stages),
        "main_path_conv_layers": len(main_convs),
        "conv1x1_layers": int((convs.kernel == "1x1").sum()),
        "batchnorm_layers": int((executed.type == "BatchNorm2d").sum()),
        "stage_outputs": stage_outputs,
        "stage_sizes": [shape[1] for shape in stage_outputs],
        "stage_widths": [shape[0] for shape in stage_outputs],
        "feature_map_sizes": feature_map_sizes(walk.input_size, executed),
        "logits_shape": outputs[""],
        "final_feature_map": stage_outputs[-1][1],
        "head": list(layers[layers.section == "head"].type),
        "total_stride": walk.graph.total_stride,
        "receptive_field": walk.graph.receptive_field,
    } | ({"stem_output": outputs["stem"]} if (layers.section == "stem").any() else {})  # VGG has none: no stem


def feature_map_sizes(input_size: int, layers: pd.DataFrame) -> list[int]:
    """Every side a feature map has on the main path, from the input down to global pooling, each once."""
    body = layers[(layers.path == "main") & (layers.section != "head")]
    sides = {int(shape.split("x")[1]) for shape in body.output_shape if shape.count("x") == 2}
    return sorted(sides | {input_size}, reverse=True)
