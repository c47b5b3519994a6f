"""Other languages of the words declared in English beside what they describe.

A fact's label and meaning are declared with the fact (``CORE_FACT_DOCS`` and ``CORE_LABELS`` in
``tools.introspect.core``, ``FACT_DOCS``, ``DERIVED_DOCS`` and ``LABELS`` in ``tools.families``); an
option's help with the model (``models/``); a modification's summary in ``models/variants.py``.
Here each has its words in every other language, keyed by its name; ``tools.i18n`` reads them and a
test fails when one is missing.
"""

from __future__ import annotations

# fact: {language: (label, meaning)}
FACTS: dict[str, dict[str, tuple[str, str]]] = {
    # Facts every model has (tools/introspect/core.py)
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
    "weighted_layers": {"zh": (
        "带权重的层（论文的深度）",
        "主路径上的卷积层 + 全连接层，旁路（投影捷径连接）不计：论文对块串联而成的网络所用的深度；"
        "对有分支的模块，每个分支都计入",
    )},
    "longest_path": {"zh": ("最长路径上的带权重的层", "从输入到输出的最长路径上的卷积层与全连接层，从追踪得到的计算图中读出")},
    "conv_fc_layers": {"zh": ("卷积层 + 全连接层", "实际运行的每个卷积层与全连接层，旁路（投影捷径连接）也计入")},
    "param_layers": {"zh": ("含参数的层", "拥有参数的层（卷积、BatchNorm、全连接），与 Keras 模型摘要的列法一致")},
    "conv_layers": {"zh": ("卷积层", "全部卷积层，投影捷径连接也计入")},
    "stem_convs": {"zh": ("起始层卷积", "起始层（stem）中、第一个阶段之前的卷积层")},
    "fc_layers": {"zh": ("全连接层", "推理时运行的全连接（Linear）层")},
    "fc_params": {"zh": ("全连接层参数量", "推理时运行的全连接层的参数")},
    "fc_params_pct": {"zh": ("全连接层参数占比", "fc_params 占 params 的百分比，保留一位小数")},
    "params_by_kind": {"zh": ("按类型统计的参数", "按张量类型统计的参数与批归一化统计量：卷积核与卷积偏置、批归一化的缩放、平移与滑动统计量、全连接层的权重与偏置")},
    "stages": {"zh": ("阶段数", "模型声明的阶段（见其 anatomy）")},
    "main_path_conv_layers": {"zh": ("主路径卷积层", "主路径上的卷积层：起始层的，以及各块自身的")},
    "conv1x1_layers": {"zh": ("1×1 卷积层", "1×1 卷积层，投影捷径连接也计入")},
    "blocks": {"zh": ("块", "该架构族的重复单元：残差块、稠密层、Inception 模块")},
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
    # ResNet (tools/families/resnet.py)
    "block_conv_layers": {"zh": ("块内卷积层", "残差块内主路径上的卷积层")},
    "shape_changing_blocks": {"zh": ("改变形状的块", "输出形状与输入形状不同的块")},
    "main_path_conv1x1_layers": {"zh": ("主路径 1×1 卷积层", "各块主路径上的 1×1 卷积层")},
    "block_type": {"zh": ("块类型", "基本块（两个 3×3）或瓶颈块（1×1、3×3、1×1）")},
    "convs_per_block": {"zh": ("每块卷积数", "一个残差块主路径上的卷积层数")},
    "block_kernels": {"zh": ("块内卷积核", "一个块主路径上各卷积的卷积核尺寸，按先后顺序")},
    "expansion": {"zh": ("扩展倍数", "块的输出宽度除以其 3×3 卷积的宽度")},
    "blocks_per_stage": {"zh": ("每阶段块数", "每个阶段中的残差块数")},
    "residual_blocks": {"zh": ("残差块", "整个模型中的残差块数")},
    "projection_shortcuts": {"zh": ("投影捷径连接", "由 1×1 卷积 + BatchNorm 构成的捷径连接（选项 B）")},
    "zero_pad_shortcuts": {"zh": ("零填充捷径连接", "无参数、先下采样再零填充的捷径连接（选项 A）")},
    "downsampling_convs": {"zh": ("步幅 2 所在", "各阶段中承担步幅 2 的主路径卷积")},
    "downsampling_kernels": {"zh": ("下采样卷积核", "上述卷积的卷积核尺寸")},
    "block_conv_params": {"zh": ("块内卷积参数量", "残差块内主路径卷积的参数")},
    "block_conv_macs": {"zh": ("块内卷积 MACs", "残差块内主路径卷积的 MACs")},
    "block_conv_counts": {"zh": ("块内卷积数的取值", "残差块可能含有的各种卷积数，投影捷径连接也计入")},
    "option_b_extra_params": {"zh": ("选项 B 的额外参数量", "CIFAR：捷径连接选项 B 的参数量减去选项 A 的参数量")},
    "v15_extra_macs": {"zh": ("v1.5 的额外 MACs", "ImageNet：变体 v1.5 的 MACs 减去变体 v1 的 MACs")},
    "v15_extra_macs_pct": {"zh": ("v1.5 的额外 MACs 占比", "ImageNet：v15_extra_macs 占 v1 的 MACs 的百分比，保留一位小数")},
    "params_ratio": {"zh": ("参数量之比", "某项改动（如 resnet34-dws）的参数量除以未改动模型的参数量，保留三位小数")},
    "macs_ratio": {"zh": ("MACs 之比", "某项改动的 MACs 除以未改动模型的 MACs，保留三位小数")},
    "params_change": {"zh": ("参数量变化", "某项改动的参数量减去未改动模型的参数量")},
    "macs_change": {"zh": ("MACs 变化", "某项改动的 MACs 减去未改动模型的 MACs")},
    # VGG (tools/families/vgg.py)
    "conv_per_stage": {"zh": ("每阶段卷积数", "每个阶段的卷积层数（表 1 中的分组，每组以一个最大池化结束）")},
    "conv_kernels": {"zh": ("卷积核尺寸", "卷积层用到的各种卷积核尺寸")},
    "max_pools": {"zh": ("最大池化层", "最大池化层数")},
    "batchnorm_layers": {"zh": ("BatchNorm 层", "BatchNorm 层（torchvision 的 _bn 变体在每个卷积之后放一个）")},
    "bn_extra_params": {"zh": ("BatchNorm 的额外参数量", "batch_norm 为 True 时的参数量减去为 False 时的参数量")},
    # Inception (tools/families/inception.py)
    "modules_per_grid": {"zh": ("各网格上的模块数", "按输出所在网格（H×W）统计的 Inception 模块数，网格缩减模块也计入")},
    "modules_by_figure": {"zh": (
        "按论文插图统计的模块数", "按所依据的论文插图统计的 Inception 模块数：各网格上的为图 5、6、7，网格缩减为图 10",
    )},
    "grid_reductions": {"zh": ("网格缩减", "输出网格小于输入网格的 Inception 模块")},
    "branches_per_module": {"zh": ("每个模块的分支数", "每种模块类在输出处拼接的分支数")},
    "factorised_convs": {"zh": ("分解卷积", "推理时运行的 1×n 与 n×1 卷积：由 n×n 卷积分解而来（第 3.2 节）")},
    "stem_conv_layers": {"zh": ("起始层卷积层", "起始层中、第一个 Inception 模块之前的卷积层")},
    "module_depths": {"zh": ("各模块深度", "穿过每个 Inception 模块、从其输入到输出的最长路径上的卷积层数")},
    "module_path_depth": {"zh": (
        "穿过模块的深度", "只穿过各 Inception 模块的最长路径上的卷积层数：module_depths 之和，不计起始层与全连接层",
    )},
    "aux_params": {"zh": ("辅助分类器参数量", "辅助分类器（AuxLogits）的参数，推理时不运行；没有辅助分类器时为 0")},
    "aux_reads": {"zh": ("辅助分类器读取的模块", "训练模式下辅助分类器读取其输出的模块；没有辅助分类器时为空")},
    "aux_input": {"zh": ("辅助分类器输入", "该模块的输出形状，即辅助分类器的输入；没有辅助分类器时为空")},
    # DenseNet (tools/families/densenet.py)
    "growth_rate": {"zh": ("增长率", "k：稠密层最后一个卷积的输出通道数，即它新增的特征图数")},
    "bottleneck_width": {"zh": ("瓶颈宽度", "稠密层中 1×1 瓶颈卷积的输出通道数（4k）；没有瓶颈时为 0")},
    "bottleneck_factor": {"zh": ("瓶颈倍数", "bottleneck_width / growth_rate（torchvision 的 bn_size，论文中为 4）；没有瓶颈时为 0")},
    "compression": {"zh": ("压缩系数", "θ：过渡层的输出通道数除以其输入通道数")},
    "dense_layer_kernels": {"zh": ("稠密层卷积核", "稠密层中各卷积的卷积核尺寸，按先后顺序")},
    "layers_per_block": {"zh": ("每块层数", "每个稠密块中的稠密层数")},
    "block_input_channels": {"zh": ("稠密块输入通道数", "每个稠密块接收的通道数（m）")},
    "dense_layer_input_channels": {"zh": ("稠密层输入通道数", "按稠密块分组，每个稠密层的输入通道数，按先后顺序")},
    "receives_all_preceding": {"zh": ("接收此前全部输出", "每个稠密层的输入通道数都等于所在块的输入加上块内此前所有层的输出")},
    "dense_layer_convs": {"zh": ("稠密层卷积", "稠密层内部的卷积层数")},
    "transition_layers": {"zh": ("过渡层", "稠密块之间的过渡层（各含一个 1×1 卷积）")},
    "k12_macs_pct": {"zh": ("k = 12 时的 MACs 占比", "ImageNet：增长率 k = 12 时的 MACs 占默认 k 时 MACs 的百分比，保留一位小数")},
    "k12_params_pct": {"zh": ("k = 12 时的参数量占比", "ImageNet：增长率 k = 12 时的参数量占默认 k 时参数量的百分比，保留一位小数")},
}

# option: {language: help}, for the options the models declare (``Option(help=…)`` in models/)
OPTIONS: dict[str, dict[str, str]] = {
    "shortcut": {"zh": "形状改变处的捷径连接：A 用零填充，B 用投影"},
    "variant": {"zh": "瓶颈块的步幅位置：v1.5 在 3×3 卷积上，v1 在第一个 1×1 卷积上"},
    "modification": {"zh": "一项具名改动，配合变体 v1.5（models/variants.py）"},
    "batch_norm": {"zh": "每个卷积之后加 BatchNorm，同 torchvision 的 vgg*_bn；论文中没有"},
    "aux_logits": {"zh": "最后一个 17×17 模块上的辅助分类器（图 8），参与训练，推理时不运行"},
    "growth_rate": {"zh": "k，每个稠密层新增的特征图数；k = 12 不是 torchvision 的模型，只有 k 改变"},
}

# modification: {language: summary}, one line without a final period (models/variants.py)
MODIFICATIONS: dict[str, dict[str, str]] = {
    "none": {"zh": "参考模型，未作改动"},
    "dws": {"zh": "块中每个 3×3 卷积都换成一个 3×3 深度卷积加一个 1×1 逐点卷积"},
    "leaky-relu": {"zh": "每个 ReLU 都换成斜率为 0.01 的 LeakyReLU"},
    "silu": {"zh": "每个 ReLU 都换成 SiLU（Swish）"},
    "half-width": {"zh": "每个阶段和起始层都减为一半宽度"},
    "double-width": {"zh": "每个阶段和起始层都加倍宽度"},
    "half-depth": {"zh": "每个阶段的块数减半，向上取整"},
    "bottleneck": {"zh": "阶段不变，改用瓶颈块"},
    "head-1x1": {"zh": "全局池化之前加一个把宽度减半的 1×1 卷积，再接 BatchNorm 和 ReLU"},
    "dropout": {"zh": "全连接层之前加 Dropout 0.5"},
    "dws-silu": {"zh": "块中每个 3×3 卷积都换成一个 3×3 深度卷积加一个 1×1 逐点卷积；然后每个 ReLU 都换成 SiLU（Swish）"},
    "dws-double-width": {"zh": "每个阶段和起始层都加倍宽度；然后块中每个 3×3 卷积都换成一个 3×3 深度卷积加一个 1×1 逐点卷积"},
    "head-1x1-dropout": {"zh": "全局池化之前加一个把宽度减半的 1×1 卷积，再接 BatchNorm 和 ReLU；然后全连接层之前加 Dropout 0.5"},
}


# Keras' facts (tools.peers.keras.FACT_DOCS): the cards of the Chinese site explain them in Chinese.
PEER_FACTS: dict[str, dict[str, tuple[str, str]]] = {
    "compared_with": {"zh": ("对比的配置", "与该 Keras 模型对比的本站配置（步幅位置与分类头相同）")},
    "keras_params": {"zh": ("Keras 总参数量", "Keras 报告的参数总数（count_params）：可训练加不可训练")},
    "keras_trainable_params": {"zh": ("Keras 可训练参数", "Keras 报告的可训练参数量")},
    "keras_non_trainable_params": {"zh": ("Keras 不可训练参数", "Keras 报告的不可训练参数量：批归一化的滑动统计量")},
    "input_shape": {"zh": ("输入形状", "该 Keras 模型的输入（通道在后）")},
    "additions": {"zh": ("加法层", "Keras 模型中的 Add 层：每个残差块一个")},
    "keras_layers": {"zh": ("Keras 层数", "len(model.layers)：Keras 的全部层，包括输入、填充、激活、池化与加法层")},
    "keras_param_layers": {"zh": ("Keras 带权重的层", "持有权重的 Keras 层：模型摘要中参数量不为零的行")},
    "strided_convs": {"zh": ("步幅为 2 的卷积", "Keras 中步幅为 2 的卷积及其卷积核")},
    "stage_end_layers": {"zh": ("结束各阶段的层", "结束每个阶段的 Keras 层（该特征图尺寸上的最后一层）")},
    "keras_stage_outputs": {"zh": ("Keras 各阶段输出", "Keras 模型每个阶段的输出形状（通道在后）")},
    "stride_placement": {"zh": ("步幅位置", "v1（步幅在块的第一个 1×1 卷积上）或 v1.5（在 3×3 上），在 Keras 模型上读出")},
    "params_difference": {"zh": ("参数量差值", "Keras 总数减去本站的参数量")},
    "macs_difference": {"zh": ("MACs 差值", "Keras 的 MACs 减去本站（对比的配置）的 MACs")},
    "conv_weights": {"zh": ("卷积核", "卷积核，在 Keras 模型上计数")},
    "ours_conv_weights": {"zh": ("本站卷积核", "卷积核，在本站模型上计数")},
    "conv_weights_term": {"zh": ("卷积核", "卷积核：对两者总数之差的贡献（Keras 减去本站）")},
    "conv_biases": {"zh": ("卷积偏置", "卷积偏置，在 Keras 模型上计数")},
    "ours_conv_biases": {"zh": ("本站卷积偏置", "卷积偏置，在本站模型上计数")},
    "conv_biases_term": {"zh": ("卷积偏置", "卷积偏置：对两者总数之差的贡献（Keras 减去本站）")},
    "bn_scales": {"zh": ("批归一化缩放（gamma）", "批归一化缩放（gamma），在 Keras 模型上计数")},
    "ours_bn_scales": {"zh": ("本站批归一化缩放（gamma）", "批归一化缩放（gamma），在本站模型上计数")},
    "bn_scales_term": {"zh": ("批归一化缩放（gamma）", "批归一化缩放（gamma）：对两者总数之差的贡献（Keras 减去本站）")},
    "bn_shifts": {"zh": ("批归一化平移（beta）", "批归一化平移（beta），在 Keras 模型上计数")},
    "ours_bn_shifts": {"zh": ("本站批归一化平移（beta）", "批归一化平移（beta），在本站模型上计数")},
    "bn_shifts_term": {"zh": ("批归一化平移（beta）", "批归一化平移（beta）：对两者总数之差的贡献（Keras 减去本站）")},
    "bn_running_stats": {"zh": ("批归一化滑动均值与方差", "批归一化滑动均值与方差，在 Keras 模型上计数")},
    "ours_bn_running_stats": {"zh": ("本站批归一化滑动均值与方差", "批归一化滑动均值与方差，在本站模型上计数")},
    "bn_running_stats_term": {"zh": ("批归一化滑动均值与方差", "批归一化滑动均值与方差：对两者总数之差的贡献（Keras 减去本站）")},
    "fc_params": {"zh": ("全连接层权重与偏置", "全连接层权重与偏置，在 Keras 模型上计数")},
    "ours_fc_params": {"zh": ("本站全连接层权重与偏置", "全连接层权重与偏置，在本站模型上计数")},
    "fc_params_term": {"zh": ("全连接层权重与偏置", "全连接层权重与偏置：对两者总数之差的贡献（Keras 减去本站）")},
}
