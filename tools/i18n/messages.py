"""The message catalog: every word the generated pages show, in every language, side by side.

``MESSAGES[key][lang]`` is a ``str.format`` template; ``tools.i18n.text(key, lang, **fields)`` fills
it in. Each language's template names the same fields (a test keeps it so). Numbers reach the
templates already formatted (as fact markers or with ``tools.units``): the same in every language.

Keys are grouped by the page or module that shows them: ``column.*`` are table headers shared by
several tables, ``unit.*`` the units of facts, ``model.*`` and ``layers.*`` the model pages, and so on.
Markdown (headings' ``#``, links, emphasis) stays in the renderers where it can; a template holds
what a translator must see to write the sentence whole.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- Shared ----------------------------------------------------------------------------------
    "list.separator": {"en": ", ", "zh": "、"},

    # --- Units: a fact's unit as tables show it, and the units the reference defines ---------------
    "unit.pixels": {"en": "pixels", "zh": "像素"},
    "unit.parameters": {"en": "parameters", "zh": "参数"},
    "unit.values": {"en": "values", "zh": "数值"},
    "unit.MB": {"en": "MB", "zh": "MB"},
    "unit.MACs": {"en": "MACs", "zh": "MACs"},
    "unit.FLOPs": {"en": "FLOPs", "zh": "FLOPs"},
    "unit.mult-adds": {"en": "mult-adds", "zh": "mult-adds"},
    "unit.layers": {"en": "layers", "zh": "层"},
    "unit.%": {"en": "%", "zh": "%"},
    "unit.stages": {"en": "stages", "zh": "阶段"},
    "unit.blocks": {"en": "blocks", "zh": "块"},
    "unit.C×H×W": {"en": "C×H×W", "zh": "C×H×W"},
    "unit.H×W×C": {"en": "H×W×C", "zh": "H×W×C"},
    "unit.channels": {"en": "channels", "zh": "通道"},
    "unit.convolutions": {"en": "convolutions", "zh": "卷积"},
    "unit.shortcuts": {"en": "shortcuts", "zh": "捷径连接"},
    "unit.modules": {"en": "modules", "zh": "模块"},
    "unit.branches": {"en": "branches", "zh": "分支"},
    "unit.sizes": {"en": "sizes", "zh": "种边长"},

    # --- Table headers shared by several tables ------------------------------------------------------
    "column.model": {"en": "model", "zh": "模型"},
    "column.family": {"en": "family", "zh": "架构族"},
    "column.dataset": {"en": "data set", "zh": "数据集"},
    "column.input": {"en": "input", "zh": "输入"},
    "column.weighted_layers": {"en": "weighted layers (main path)", "zh": "主路径上带权重的层"},
    "column.paper_depth": {"en": "the paper's depth", "zh": "论文的深度"},
    "column.longest_path": {"en": "longest path", "zh": "最长路径"},
    "column.conv_fc_layers": {"en": "conv + fc layers", "zh": "卷积层 + 全连接层"},
    "column.conv_layers": {"en": "conv layers", "zh": "卷积层"},
    "column.param_layers": {"en": "layers with parameters", "zh": "含参数的层"},
    "column.params": {"en": "params", "zh": "参数量"},
    "column.macs": {"en": "MACs", "zh": "MACs"},
    "column.gmacs": {"en": "GMACs", "zh": "GMACs"},
    "column.units": {"en": "built of", "zh": "组成单元"},
    "column.source": {"en": "source", "zh": "出处"},
    "column.model_default_options": {"en": "model (default options)", "zh": "模型（默认选项）"},
    "column.torchvision_params": {"en": "torchvision params (cited)", "zh": "torchvision 参数量（引用）"},
    "column.torchvision_gflops": {"en": "torchvision GFLOPS (cited)", "zh": "torchvision GFLOPS（引用）"},
    "column.torchvision_gflops_gmacs": {"en": "torchvision GFLOPS (cited, = GMACs)", "zh": "torchvision GFLOPS（引用，= GMACs）"},
    "column.fc_params_pct": {"en": "% params in fc", "zh": "全连接层参数占比 %"},
    "column.stage": {"en": "stage", "zh": "阶段"},
    "column.module": {"en": "module", "zh": "模块"},
    "column.output_size": {"en": "output size", "zh": "输出尺寸"},
    "column.layers": {"en": "layers", "zh": "层"},
    "column.value": {"en": "value", "zh": "数值"},
    "column.unit": {"en": "unit", "zh": "单位"},
    "column.options": {"en": "options", "zh": "选项"},
    "column.facts": {"en": "facts", "zh": "事实"},
    "column.definition": {"en": "definition", "zh": "定义"},
    "column.configuration": {"en": "configuration", "zh": "配置"},
    "column.fact": {"en": "fact", "zh": "事实"},
    "column.meaning": {"en": "meaning", "zh": "含义"},

    # --- A model's page (tools/render/pages.py) ----------------------------------------------------
    "model.intro": {
        "en": "{family} for {dataset} from {source}. Every number on this page is measured on the model "
              "`models.get_model(\"{name}\")` builds; hover or tap one to see what it counts.",
        "zh": "{family} 架构族中面向 {dataset} 的模型，结构依据 {source}。本页的每个数字都是在 "
              "`models.get_model(\"{name}\")` 构建的模型上实测得到的；把鼠标悬停在数字上（或轻点它），即可看到它统计的是什么。",
    },
    "model.summary.depth": {
        "en": "**Depth:** {longest_path} weighted layers on the longest path; {conv_fc_layers} convolutions and fully "
              "connected layers in all.",
        "zh": "**深度**：最长路径上有 {longest_path} 个带权重的层；卷积层与全连接层共 {conv_fc_layers} 个。",
    },
    "model.summary.stages": {
        "en": "**Stages:** {stages} stages, on {sizes} pixel maps with {widths} channels.",
        "zh": "**阶段**：共 {stages} 个阶段，特征图边长依次为 {sizes} 像素，通道数依次为 {widths}。",
    },
    "model.summary.cost": {
        "en": "**Size and cost:** {params} parameters; {macs} MACs per {size} image ({flops} FLOPs){others}.",
        "zh": "**规模与计算量**：{params} 个参数；每张 {size} 图像 {macs} MACs（{flops} FLOPs）{others}。",
    },
    "model.summary.other_costs": {"en": "; {costs}", "zh": "；{costs}"},
    "model.summary.cost_with": {"en": "{macs} with {options}", "zh": "{options} 时为 {macs}"},
    "model.summary.input": {
        "en": "**Input and output:** {size} RGB image, {classes} logits.",
        "zh": "**输入与输出**：输入 {size} 的 RGB 图像，输出 {classes} 个 logits。",
    },
    "model.summary.modifications": {
        "en": "**Modifications:** {count} named changes, each measured in the options table below; what they cost "
              "and why: [Modifying ResNet-34](../modifications.md).",
        "zh": "**改动**：{count} 项具名改动，每项都在下方的选项表中实测；它们各自的代价及原因见"
              "[改造 ResNet-34](../modifications.md)。",
    },
    "model.figure": {"en": "Figure 3", "zh": "图 3"},
    "model.figure.intro": {
        "en": "Every weighted layer as Figure 3 of He et al. draws it: the kernel, the output width and /2 where the "
              "layer strides; each arc is a block's shortcut. Default options",
        "zh": "仿照 He 等人论文图 3 的画法画出每个带权重的层：标出卷积核、输出宽度，在带步幅的层上标 /2；"
              "每条弧线是一个块的捷径连接。图为默认选项",
    },
    "model.figure.intro.plain": {
        "en": "Every weighted layer as Figure 3 of He et al. draws its plain network: the kernel, the output width and /2 "
              "where the layer strides. This model has no blocks and no shortcuts, so no arcs. Default options",
        "zh": "仿照 He 等人论文图 3 画普通网络的方式画出每个带权重的层：标出卷积核、输出宽度，在带步幅的层上标 /2。"
              "这个模型没有块，也没有捷径连接，所以没有弧线。图为默认选项",
    },
    "model.figure.others": {"en": "; also with {links}.", "zh": "；另有 {links} 的版本。"},
    "model.figure.end": {"en": ".", "zh": "。"},
    "model.torchvision_definition": {
        "en": "torchvision defines this model in {link}; the figures it publishes are cited on this page.",
        "zh": "torchvision 对这个模型的定义见 {link}；本页引用了它公布的数字。",
    },
    "model.network": {"en": "The network", "zh": "网络结构图"},
    "model.network.intro.inception": {
        "en": "The whole network as the layer table runs it: the stem, each Inception module with the figure of "
              "Szegedy et al. (2016) it follows, the grid reductions, the head, and the auxiliary classifier beside "
              "the module whose output it reads. Below it, one module of each type as the paper draws it: its "
              "branches side by side, each layer's kernel and width, and the filter concatenation. Default options",
        "zh": "按层表的实际运行画出整个网络：起始层、每个 Inception 模块（标出它对应 Szegedy 等人 2016 年论文中的哪幅图）、"
              "网格缩减、头部，以及挂在其所读模块旁边的辅助分类器。下面按论文的画法给出每种模块各一个：各分支并排，"
              "标出每层的卷积核与宽度，最后是滤波器拼接。图为默认选项",
    },
    "model.network.intro.densenet": {
        "en": "The dense blocks and the transitions between them, then the first dense block drawn as Figure 1 of "
              "Huang et al. (2017) draws dense connectivity: each layer reads the concatenation of every feature map "
              "before it, m + k(l − 1) channels for layer l of a block that starts with m channels and grows by k. "
              "Default options",
        "zh": "各稠密块及其间的过渡层；下面按 Huang 等人 2017 年论文图 1 的画法画出第一个稠密块的稠密连接："
              "每一层读入它之前所有特征图的拼接，对于输入为 m 个通道、增长率为 k 的块，第 l 层读入 m + k(l − 1) 个通道。"
              "图为默认选项",
    },
    "model.key_facts": {"en": "Key facts", "zh": "关键数据"},
    "model.key_facts.intro": {
        "en": "Default options ({options}), one {size} image. [Facts and units](../reference/facts.md) defines every fact.",
        "zh": "默认选项（{options}），输入一张 {size} 的图像。每项事实的定义见[事实与单位](../reference/facts.md)。",
    },
    "model.key_facts.no_options": {"en": "none", "zh": "无"},
    "model.architecture": {"en": "Architecture", "zh": "架构"},
    "model.note": {"en": "- {note}: {text}.", "zh": "- {note}：{text}。"},
    "model.note.output": {
        "en": "- Output: logits; the softmax of the paper's tables is applied by the loss, not by the module.",
        "zh": "- 输出：logits；论文表格中的 softmax 由损失函数完成，不在模块之内。",
    },
    "model.options": {"en": "Options", "zh": "选项"},
    "model.options.none": {"en": "It has no options.", "zh": "该模型没有选项。"},
    "model.options.all": {"en": "Options: {options}.", "zh": "选项：{options}。"},
    "model.options.option": {"en": "`{name}`: {values}, default {default}", "zh": "`{name}`：{values}，默认为 {default}"},
    "model.options.or": {"en": " or ", "zh": " 或 "},
    "model.options.help": {"en": " ({help})", "zh": "（{help}）"},
    "model.options.separator": {"en": "; ", "zh": "；"},
    "model.options.no_options": {"en": "no options", "zh": "无选项"},
    "model.options.default": {"en": " (default)", "zh": "（默认）"},
    "model.layers": {"en": "Layers", "zh": "逐层明细"},
    "model.layers.intro": {
        "en": "Every executed module of `{name}` with default options, in forward order, folded by stage. "
              "Column headers explain themselves on hover; click one to sort.",
        "zh": "`{name}` 在默认选项下执行的每个模块，按前向顺序排列，并按阶段折叠。"
              "把鼠标悬停在列标题上可看到它的含义，点击列标题可排序。",
    },
    "model.data": {"en": "Data", "zh": "数据"},
    "model.data.files": {
        "en": "- {options}: [`{key}.json`](../data/{key}.json) (facts and spec), "
              "[`{key}-layers.csv`](../data/{key}-layers.csv) (layer table)",
        "zh": "- {options}：[`{key}.json`](../data/{key}.json)（事实与规格）、"
              "[`{key}-layers.csv`](../data/{key}-layers.csv)（逐层表）",
    },
    "model.data.default_options": {"en": "default options", "zh": "默认选项"},

    # --- The layer tables of a model's page ----------------------------------------------------------
    "layers.path.main": {"en": "main", "zh": "主路径"},
    "layers.path.shortcut": {"en": "shortcut", "zh": "捷径"},
    "option.label": {"en": "{option} {value}", "zh": "{option}={value}"},
    "layers.section.stem": {"en": "stem", "zh": "起始层"},
    "layers.section.transition": {"en": "transition", "zh": "过渡层"},
    "layers.section.head": {"en": "head", "zh": "头部"},
    "layers.section.auxiliary": {"en": "auxiliary", "zh": "辅助分类器"},
    "layers.summary": {
        "en": "{section} · {stage} · {params} params · {macs} MACs",
        "zh": "{section} · {stage} · {params} 个参数 · {macs} MACs",
    },
    "layers.folded": {
        "en": "… {first} to {last}: {count} more blocks shaped like {like}",
        "zh": "… {first} 至 {last}：另有 {count} 个块，形状与 {like} 相同",
    },
    "layers.column.block": {"en": "block", "zh": "块"},
    "layers.column.module": {"en": "module", "zh": "模块"},
    "layers.column.type": {"en": "type", "zh": "类型"},
    "layers.column.path": {"en": "path", "zh": "路径"},
    "layers.column.kernel": {"en": "kernel", "zh": "卷积核"},
    "layers.column.stride": {"en": "stride", "zh": "步幅"},
    "layers.column.output": {"en": "output", "zh": "输出"},
    "layers.column.params": {"en": "params", "zh": "参数量"},
    "layers.column.macs": {"en": "MACs", "zh": "MACs"},
    "layers.meaning.block": {"en": "the block the layer belongs to, as a module name", "zh": "该层所属的块，以模块名表示"},
    "layers.meaning.module": {
        "en": "the module's qualified name: its state-dict prefix", "zh": "模块的完整限定名，也就是它在 state-dict 中的前缀",
    },
    "layers.meaning.type": {"en": "the PyTorch module class", "zh": "PyTorch 模块类"},
    "layers.meaning.path": {
        "en": "main: on the block's main path; shortcut: on its side path",
        "zh": "main：位于块的主路径上；shortcut：位于其旁路（捷径连接）上",
    },
    "layers.meaning.kernel": {"en": "kernel size, height × width", "zh": "卷积核尺寸，高 × 宽"},
    "layers.meaning.stride": {"en": "step of the window; 2 halves the feature map", "zh": "窗口每次移动的步长；为 2 时特征图边长减半"},
    "layers.meaning.output": {
        "en": "output shape, channels × height × width, for one image", "zh": "一张图像的输出形状，通道 × 高 × 宽",
    },
    "layers.meaning.params": {"en": "parameters of this module (weights and biases)", "zh": "本模块的参数（权重与偏置）"},
    "layers.meaning.macs": {
        "en": "multiply-accumulates of the convolution and fully connected layers, for one image, of this module",
        "zh": "本模块处理一张图像的乘加运算次数（只计卷积层与全连接层）",
    },

    # --- The models index, the comparisons and the reference (tools/render/pages.py) ---------------
    "index.title": {"en": "Models", "zh": "模型"},
    "index.intro": {
        "en": "Every registered model, with default options. Each page shows its spec, facts, a stage diagram and the "
              "full layer table; [Comparisons](../comparisons.md) puts them side by side.",
        "zh": "所有已注册的模型，均取默认选项。每个模型的页面给出它的规格、事实、阶段示意图和完整的逐层表；"
              "[对比](../comparisons.md)页把它们放在一起比较。",
    },
    "comparisons.title": {"en": "Comparisons", "zh": "对比"},
    "comparisons.intro": {
        "en": "Every family side by side first, then each as its paper's tables lay it out, with published figures "
              "(cited) beside the measured ones. MACs and FLOPs are defined on [Facts and units](reference/facts.md).",
        "zh": "先把所有架构族并列比较，再按各自论文表格的编排逐一列出，公开数据（引用）与实测值并排。"
              "MACs 与 FLOPs 的定义见[事实与单位](reference/facts.md)。",
    },
    "comparisons.all_families": {"en": "All families side by side", "zh": "所有架构族并列比较"},
    "comparisons.depth_note": {
        "en": "Depth, four ways: *weighted layers* as the papers count them for a chain of blocks; *longest path*, the "
              "convolutions and fc layers on the longest path through the traced graph (what \"N layers deep\" means "
              "for branching networks); every convolution and fc layer; every layer that holds parameters, as a Keras "
              "summary lists them. Definitions: [Counting depth](concepts/depth.md). Cited: {cited}.",
        "zh": "深度有四种计法：*带权重的层*，即论文对块串联而成的网络的计法；*最长路径*，即追踪所得计算图中最长路径上的"
              "卷积层与全连接层（对有分支的网络，“N 层深”指的就是它）；全部卷积层与全连接层；以及所有含参数的层，"
              "即 Keras 模型摘要列出的那些。定义见[深度的计法](concepts/depth.md)。引用：{cited}。",
    },
    "comparisons.chart": {"en": "Parameters and MACs", "zh": "参数量与 MACs"},
    "comparisons.chart.intro": {
        "en": "Every model with default options, and the option values that change its cost. Both axes are logarithmic.",
        "zh": "每个模型的默认选项，以及会改变其计算量的选项取值。两条坐标轴都是对数刻度。",
    },
    "comparisons.chart.alt": {
        "en": "Parameters against MACs for every model, log-log", "zh": "各模型的参数量与 MACs，双对数坐标",
    },
    "reference.title": {"en": "Facts and units", "zh": "事实与单位"},
    "reference.units": {"en": "Units", "zh": "单位"},
    "reference.units.intro": {
        "en": "Defined once here and used in every table header.", "zh": "单位只在这里定义一次，所有表头都使用它们。",
    },
    "reference.fact_names": {"en": "Fact names", "zh": "事实名"},
    "reference.fact_names.intro": {
        "en": "A fact's full name is `<configuration>.<fact>`, for example `resnet20.params`. Each configuration is a "
              "registered model with one choice of options:",
        "zh": "事实的全名是 `<配置>.<事实>`，例如 `resnet20.params`。每个配置就是一个已注册的模型加上一组选项取值：",
    },
    "reference.fact_names.facts": {
        "en": "Facts every model has, then each family's own (examples: ResNet-20 and ResNet-50 with default options; "
              "empty where a fact belongs to another family):",
        "zh": "先列所有模型共有的事实，再列各架构族特有的事实（示例值取自默认选项下的 ResNet-20 与 ResNet-50；"
              "事实属于其他架构族时留空）：",
    },
    # The Chinese heading keeps the English anchor, which atlas-facts.js links to.
    "reference.published": {"en": "Published figures (cited)", "zh": "公开数据（引用）"},
    "reference.published.intro": {
        "en": "Figures from the papers and from torchvision's documentation, used for comparison only.",
        "zh": "取自论文和 torchvision 文档的数据，仅供对比。",
    },
    "reference.binding": {"en": "Binding a number in prose", "zh": "在正文中绑定数字"},
    "reference.binding.intro": {
        "en": "Hand-written pages bind every model number to a fact, so the check can recompute it: `{example}`. "
              "An optional `data-format` attribute picks a format: {formats}.",
        "zh": "手写页面把每个模型数字都绑定到一项事实上，检查时便能重新计算它：`{example}`。"
              "可选的 `data-format` 属性用来指定格式：{formats}。",
    },
    # --- ResNet (tools/families/resnet.py): a model page's summary and notes, the comparisons -----
    "resnet.block.basic": {"en": "basic", "zh": "基本块"},
    "resnet.block.bottleneck": {"en": "bottleneck", "zh": "瓶颈块"},
    "resnet.summary.depth": {
        "en": "**Depth:** {weighted_layers} weighted layers = {stem_convs} stem convolution + {residual_blocks} "
              "{block} blocks × {convs_per_block} convolutions + {fc_layers} fully connected layer; the longest path "
              "through the graph counts {longest_path}.",
        "zh": "**深度**：{weighted_layers} 个带权重的层 = {stem_convs} 个起始层卷积 + {residual_blocks} 个{block} × "
              "每块 {convs_per_block} 个卷积 + {fc_layers} 个全连接层；计算图中的最长路径为 {longest_path} 层。",
    },
    "resnet.summary.stages": {
        "en": "**Stages:** {stages} stages of {blocks_per_stage} {block} blocks, on {stage_sizes} pixel maps with "
              "{stage_widths} channels.",
        "zh": "**阶段**：{stages} 个阶段，依次含 {blocks_per_stage} 个{block}，特征图边长依次为 {stage_sizes} 像素，"
              "通道数依次为 {stage_widths}。",
    },
    "resnet.note.shortcuts": {"en": "Shortcuts", "zh": "捷径连接"},
    "resnet.note.downsampling": {"en": "Downsampling", "zh": "下采样"},
    "resnet.note.modification": {"en": "Modification", "zh": "改动"},
    "resnet.shortcuts.A": {
        "en": "option A: identity; zero-padded, subsampled identity where the shape changes",
        "zh": "选项 A，即恒等映射；形状改变处改用先下采样、再零填充的恒等映射",
    },
    "resnet.shortcuts.B": {
        "en": "option B: identity; 1×1 projection + BatchNorm where the shape changes",
        "zh": "选项 B，即恒等映射；形状改变处改用 1×1 投影 + BatchNorm",
    },
    "resnet.stride": {"en": "stride 2 on {convs} ({kernels})", "zh": "步幅 2 位于 {convs}（{kernels}）"},
    "resnet.stride.variant": {"en": "{variant}: {placement}", "zh": "{variant} 变体中，{placement}"},
    "resnet.modification": {"en": "{name}: {summary} (`models/variants.py`)", "zh": "{name}：{summary}（`models/variants.py`）"},
    "resnet.comparison.cifar": {"en": "CIFAR-10 family (Table 6)", "zh": "CIFAR-10 系列（表 6）"},
    "resnet.comparison.cifar.note": {"en": "Paper figures: {params}; errors: {errors}.", "zh": "论文数据：{params}；错误率：{errors}。"},
    "resnet.comparison.imagenet": {"en": "ImageNet family (Table 1)", "zh": "ImageNet 系列（表 1）"},
    "resnet.comparison.imagenet.note": {
        "en": "The paper's row counts multiply-adds, so it compares with MACs, not FLOPs. Sources: {table1}; {torchvision}.",
        "zh": "论文这一行统计的是乘加次数，所以应与 MACs 而不是 FLOPs 比较。出处：{table1}；{torchvision}。",
    },
    "column.n": {"en": "n", "zh": "n"},
    "column.params_option_a": {"en": "params (option A)", "zh": "参数量（选项 A）"},
    "column.params_option_b": {"en": "params (option B)", "zh": "参数量（选项 B）"},
    "column.paper_params": {"en": "paper # params", "zh": "论文参数量"},
    "column.b_minus_a": {"en": "B − A", "zh": "B − A"},
    "column.flops": {"en": "FLOPs", "zh": "FLOPs"},
    "column.paper_error_pct": {"en": "paper error % (cited)", "zh": "论文错误率 %（引用）"},
    "column.paper_flops_row": {"en": "paper FLOPs row, 10^9 (cited)", "zh": "论文 FLOPs 行，10^9（引用）"},
    "column.v1_gmacs": {"en": "v1 GMACs", "zh": "v1 GMACs"},
    "column.v1_vs_paper": {"en": "v1 vs paper", "zh": "v1 相对论文"},
    "column.v15_gmacs": {"en": "v1.5 GMACs", "zh": "v1.5 GMACs"},
    "column.v15_vs_v1": {"en": "v1.5 vs v1", "zh": "v1.5 相对 v1"},

    # --- VGG (tools/families/vgg.py) -------------------------------------------------------------------
    "vgg.note.convolutions": {"en": "Convolutions", "zh": "卷积"},
    "vgg.note.downsampling": {"en": "Downsampling", "zh": "下采样"},
    "vgg.note.batchnorm": {"en": "BatchNorm", "zh": "BatchNorm"},
    "vgg.note.classifier": {"en": "Classifier", "zh": "分类器"},
    "vgg.conv": {"en": "{kernel}, stride {stride}, padding {padding}", "zh": "{kernel}，步幅 {stride}，填充 {padding}"},
    "vgg.convs": {"en": "all {count} convolutions {described}, with bias", "zh": "全部 {count} 个卷积均为 {described}，带偏置"},
    "vgg.pool": {"en": "{kernel}, stride {stride}", "zh": "{kernel}，步幅 {stride}"},
    "vgg.pools": {
        "en": "{count} max-pools ({described}), one closing each stage: {sides}",
        "zh": "{count} 个最大池化（{described}），每个阶段以一个最大池化结束：{sides}",
    },
    "vgg.batchnorm.none": {"en": "none, as in the paper", "zh": "没有，与论文一致"},
    "vgg.batchnorm": {
        "en": "after each of the {count} convolutions, before its ReLU (torchvision's {name}_bn; the paper predates BatchNorm)",
        "zh": "位于全部 {count} 个卷积之后、各自的 ReLU 之前（即 torchvision 的 {name}_bn；论文发表时还没有 BatchNorm）",
    },
    "vgg.classifier": {
        "en": "torchvision's adaptive average pooling of the {input} map to {output}{same}, then {fc_layers} fc layers, "
              "the first {dropouts} followed by ReLU and dropout; they hold {params} parameters, {pct}% of the model",
        "zh": "先由 torchvision 的自适应平均池化把 {input} 的特征图变为 {output}{same}，再接 {fc_layers} 个全连接层，"
              "前 {dropouts} 个之后各接 ReLU 和 dropout；这些层共有 {params} 个参数，占整个模型的 {pct}%",
    },
    "vgg.classifier.identity": {"en": " (the identity here)", "zh": "（在这里相当于恒等映射）"},
    "vgg.comparison": {"en": "VGG (Table 1)", "zh": "VGG（表 1）"},
    "vgg.comparison.column": {"en": "{column} ({link})", "zh": "{column}（{link}）"},
    "vgg.comparison.table1.note": {
        "en": "Every stage ends with a 2×2 max-pool. Configurations A-LRN and C of Table 1 are not built: "
              "torchvision has neither.",
        "zh": "每个阶段都以一个 2×2 最大池化结束。表 1 中的配置 A-LRN 和 C 没有构建：torchvision 两者都没有提供。",
    },
    "vgg.comparison.cost.note": {
        "en": "torchvision's GFLOPS column counts multiply-adds, so it compares with MACs, not FLOPs; the paper gives "
              "no operation counts. Only the torchvision figures found in its documentation are cited (— where none "
              "was). Sources: {params}; {gflops}.",
        "zh": "torchvision 的 GFLOPS 列统计的是乘加次数，所以应与 MACs 而不是 FLOPs 比较；论文没有给出运算量。"
              "这里只引用在 torchvision 文档中能找到的数据（找不到的记为 —）。出处：{params}；{gflops}。",
    },
    "column.conv_per_stage": {"en": "convolutions per stage", "zh": "每阶段卷积数"},
    "column.fc_params": {"en": "fc params", "zh": "全连接层参数量"},
    "column.fc_share": {"en": "fc share", "zh": "全连接层占比"},
    "column.params_with_batchnorm": {"en": "params with BatchNorm", "zh": "含 BatchNorm 的参数量"},
    "column.torchvision_bn_params": {"en": "torchvision _bn params (cited)", "zh": "torchvision `_bn` 模型参数量（引用）"},

    "list.semicolon": {"en": "; ", "zh": "；"},
    "list.comma": {"en": ", ", "zh": "，"},
    "value.yes": {"en": "yes", "zh": "是"},
    "value.no": {"en": "no", "zh": "否"},

    # --- DenseNet (tools/families/densenet.py) --------------------------------------------------------
    "densenet.note.growth_rate": {"en": "Growth rate", "zh": "增长率"},
    "densenet.note.dense_layer": {"en": "Dense layer", "zh": "稠密层"},
    "densenet.note.transitions": {"en": "Transitions", "zh": "过渡层"},
    "densenet.note.head": {"en": "Head", "zh": "头部"},
    "densenet.note.depth": {"en": "Depth", "zh": "深度"},
    "densenet.growth_rate": {
        "en": "k = {k}: every dense layer adds {k} feature maps to what its block carries",
        "zh": "k = {k}，即每个稠密层都在所在块已有的特征图之上再添加 {k} 个",
    },
    "densenet.dense_layer.bottleneck": {
        "en": "BN-ReLU-1×1 conv to {width} channels ({factor}k), BN-ReLU-3×3 conv to k = {k}",
        "zh": "BN-ReLU-1×1 卷积到 {width} 个通道（{factor}k），再 BN-ReLU-3×3 卷积到 k = {k} 个通道",
    },
    "densenet.dense_layer.plain": {
        "en": "BN-ReLU-3×3 conv to k = {k} channels, no bottleneck",
        "zh": "BN-ReLU-3×3 卷积到 k = {k} 个通道，没有瓶颈",
    },
    "densenet.transitions": {
        "en": "BN-ReLU-1×1 conv-2×2 average pool; compression θ = {compression}",
        "zh": "BN-ReLU-1×1 卷积-2×2 平均池化；压缩系数 θ = {compression}",
    },
    "densenet.head": {
        "en": "the final BatchNorm (`features.norm5`, inside torchvision's `features`) and a ReLU, which Table 1 "
              "leaves out, then global average pooling and the classifier",
        "zh": "最后的 BatchNorm（`features.norm5`，位于 torchvision 的 `features` 之内）和一个 ReLU（表 1 没有列出这两层），"
              "然后是全局平均池化和分类器",
    },
    "densenet.depth": {
        "en": "{weighted_layers} weighted layers = {stem_convs} stem convolution + {dense_convs} in {blocks} dense "
              "layers + {transitions} transition convolutions + {fc} fully connected",
        "zh": "{weighted_layers} 个带权重的层 = {stem_convs} 个起始层卷积 + {blocks} 个稠密层中的 {dense_convs} 个卷积 + "
              "{transitions} 个过渡层卷积 + {fc} 个全连接层",
    },
    "densenet.comparison.imagenet": {"en": "DenseNet on ImageNet (Table 1)", "zh": "ImageNet 上的 DenseNet（表 1）"},
    "densenet.comparison.imagenet.note": {
        "en": "Source: {source}. {others} is not in Table 1 (k = 48); its layout is torchvision's. The measured "
              "classification row starts with the final BatchNorm (`features.norm5`) and a ReLU that Table 1 leaves "
              "out; the modules return logits, the softmax is the loss's.",
        "zh": "出处：{source}。{others} 不在表 1 中（k = 48），其结构取自 torchvision。实测的分类层一行以最后的 BatchNorm"
              "（`features.norm5`）和一个 ReLU 开头，表 1 没有列出这两层；模块输出的是 logits，softmax 由损失函数完成。",
    },
    "densenet.comparison.cifar": {"en": "DenseNet on CIFAR-10 (Table 2)", "zh": "CIFAR-10 上的 DenseNet（表 2）"},
    "densenet.column.table1_cited": {"en": "Table 1, {titles} (cited)", "zh": "表 1，{titles}（引用）"},
    "densenet.column.measured": {"en": "{title} (measured)", "zh": "{title}（实测）"},
    "densenet.not_torchvision": {"en": " ({options}, not a torchvision model)", "zh": "（{options}，不是 torchvision 的模型）"},
    "densenet.no_bottleneck": {"en": "none", "zh": "无"},
    "note.source": {"en": "Source: {source}.", "zh": "出处：{source}。"},
    "column.table1_row": {"en": "Table 1 row", "zh": "表 1 的行"},
    "column.k": {"en": "k", "zh": "k"},
    "column.difference": {"en": "difference", "zh": "差值"},
    "column.depth_l": {"en": "L (weighted layers)", "zh": "L（带权重的层）"},
    "column.bottleneck_width": {"en": "bottleneck width", "zh": "瓶颈宽度"},
    "column.theta": {"en": "θ", "zh": "θ"},
    "column.params_as_printed": {"en": "params, rounded as printed", "zh": "参数量，按论文的精度舍入"},
    "column.table2_params": {"en": "Table 2 # params (cited)", "zh": "表 2 参数量（引用）"},

    # --- Inception (tools/families/inception.py) ------------------------------------------------------
    "inception.note.aux": {"en": "Auxiliary classifier", "zh": "辅助分类器"},
    "inception.note.grid_reductions": {"en": "Grid reductions", "zh": "网格缩减"},
    "inception.note.depth": {"en": "Depth", "zh": "深度"},
    "inception.aux.none": {"en": "none (aux_logits=False)", "zh": "没有（aux_logits=False）"},
    "inception.aux": {
        "en": "AuxLogits reads the {shape} output of {module} in training mode; {params} parameters that do not run "
              "at inference (Figure 8)",
        "zh": "训练模式下，AuxLogits 读取 {module} 的 {shape} 输出；它的 {params} 个参数在推理时不运行（图 8）",
    },
    "inception.grid_reductions": {
        "en": "stride 2 in {names} and the modules {modules}; with unpadded windows the side goes {sides}",
        "zh": "步幅 2 位于 {names} 以及模块 {modules}；窗口不加填充，边长依次为 {sides}",
    },
    "inception.depth": {
        "en": "longest path {longest_path} = {stem} stem convolutions + {modules} through the Inception modules + "
              "the fc layer; {convs} convolutions run in all, every branch counted",
        "zh": "最长路径 {longest_path} = {stem} 个起始层卷积 + 穿过各 Inception 模块的 {modules} 层 + 全连接层；"
              "每个分支都计入的话，共运行 {convs} 个卷积",
    },
    "inception.comparison": {"en": "Inception-v3 (Table 1)", "zh": "Inception-v3（表 1）"},
    "inception.table1.global_average": {"en": "global average", "zh": "全局平均"},
    "inception.table1.logits": {"en": "logits", "zh": "logits"},
    "inception.table1.softmax": {"en": "in the loss, not in the model", "zh": "在损失函数中，不在模型里"},
    "inception.table1.differs": {"en": "{grid}: {mine} against {theirs}", "zh": "{grid}：{mine} 对 {theirs}"},
    "inception.table1.same": {"en": "the same", "zh": "两者相同"},
    "inception.table1.note": {
        "en": "Input sizes are H×W×C for one {size}×{size} image. Table 1 lists {paper_convs} convolutions and "
              "{paper_pools} pool before the Inception modules; the released stem has {stem_convs} convolutions and "
              "{max_pools} max-pools, and hands {side}×{side}×{channels} to the first module where Table 1 hands "
              "{paper_side}×{paper_side}×{paper_channels}. Table 1 counts {paper_counts} Inception modules on its "
              "three grids, the release {ours} ({differ}), with the grid reductions of Figure 10 between the grids "
              "({reductions}), which Table 1 does not list as rows. Counted by the grid they output, reductions "
              "included, the release has {by_output}. Source: {paper}, Table 1.",
        "zh": "输入尺寸按 H×W×C 给出，对应一张 {size}×{size} 的图像。表 1 在 Inception 模块之前列出 {paper_convs} 个卷积和 "
              "{paper_pools} 个池化；发布版的起始层有 {stem_convs} 个卷积和 {max_pools} 个最大池化，交给第一个模块的是 "
              "{side}×{side}×{channels}，而表 1 中是 {paper_side}×{paper_side}×{paper_channels}。表 1 在三种网格上依次有 "
              "{paper_counts} 个 Inception 模块，发布版为 {ours}（{differ}），网格之间还有图 10 的网格缩减模块"
              "（{reductions}），表 1 没有为它们单列一行。若按输出所在的网格统计（含网格缩减模块），发布版为 "
              "{by_output}。出处：{paper}，表 1。",
    },
    "inception.cost.with": {"en": "{link}, with AuxLogits (default)", "zh": "{link}，含 AuxLogits（默认）"},
    "inception.cost.without": {"en": "{link}, without AuxLogits", "zh": "{link}，不含 AuxLogits"},
    "inception.cost.meets.both": {"en": "with and without", "zh": "无论有没有辅助分类器，模型都满足"},
    "inception.cost.meets.with": {"en": "with", "zh": "模型只在带辅助分类器时满足"},
    "inception.cost.meets.without": {"en": "without", "zh": "模型只在不带辅助分类器时满足"},
    "inception.cost.meets.neither": {"en": "neither with nor without", "zh": "无论有没有辅助分类器，模型都不满足"},
    "inception.cost.none": {"en": "none", "zh": "没有一种计法"},
    "inception.cost.note": {
        "en": "torchvision's GFLOPS counts multiply-adds, so it compares with GMACs. The paper's abstract gives {gmacs} "
              "billion multiply-adds and fewer than {upper} million parameters, which the model meets {meets} the "
              "auxiliary classifier. It calls the network {stated} layers deep without a counting rule; of the depth "
              "counts {counts}, {matching} gives that number. Sources: {params}; {gflops}; {paper}, abstract and section 6.",
        "zh": "torchvision 的 GFLOPS 统计的是乘加次数，所以应与 GMACs 比较。论文摘要给出的是每次推理 {gmacs} × 10^9 次"
              "乘加和少于 {upper} × 10^6 个参数；参数量这一上限，{meets}。论文称这个网络有 {stated} 层深，但没有说明怎么数；在 {counts} "
              "这几种深度计法中，{matching} 得到这个数。出处：{params}；{gflops}；{paper}，摘要与第 6 节。",
    },
    "list.and": {"en": " and ", "zh": " 和 "},
    "column.table1_type": {"en": "Table 1 type", "zh": "表 1 的类型"},
    "column.patch_size_stride": {"en": "patch size/stride", "zh": "卷积核尺寸/步幅"},
    "column.input_size": {"en": "input size", "zh": "输入尺寸"},
    "column.released_module": {"en": "released module", "zh": "发布版的模块"},
    "column.kernel_stride_or_modules": {"en": "kernel/stride or modules", "zh": "卷积核/步幅或模块"},
    "column.measured_input": {"en": "measured input", "zh": "实测输入"},
    "column.aux_params": {"en": "aux params", "zh": "辅助分类器参数量"},
    "column.through_modules": {"en": "through the modules", "zh": "穿过各模块"},

    # --- The fact-check page (tools/render/factcheck.py) and checks in words (tools/claims.py) ------
    "verdict.correct": {"en": "correct", "zh": "正确"},
    "verdict.wrong": {"en": "wrong", "zh": "错误"},
    "verdict.depends": {"en": "depends", "zh": "视情况而定"},
    "verdict.close": {"en": "close", "zh": "接近"},
    "verdict.supported": {"en": "supported by the paper", "zh": "有论文支持"},
    "verdict.refuted": {"en": "refuted by the paper", "zh": "被论文否定"},
    "verdict.title.correct": {"en": "Correct", "zh": "正确"},
    "verdict.title.wrong": {"en": "Wrong", "zh": "错误"},
    "verdict.title.depends": {"en": "Depends", "zh": "视情况而定"},
    "verdict.title.close": {
        "en": "Close: near the value, but less precise than written", "zh": "接近：离真实值不远，但没有所写的那么精确",
    },
    "verdict.title.supported": {
        "en": "Supported by the paper: cited, not measured here", "zh": "有论文支持：依据引用，未在本站实测",
    },
    "verdict.title.refuted": {
        "en": "Refuted by the paper: cited, not measured here", "zh": "被论文否定：依据引用，未在本站实测",
    },
    "evidence.computed": {"en": "computed", "zh": "计算"},
    "evidence.executed": {"en": "executed", "zh": "执行"},
    "evidence.cited": {"en": "cited", "zh": "引用"},
    "evidence.quoted": {"en": "quoted", "zh": "引述"},
    "factcheck.title": {"en": "Fact check", "zh": "事实核查"},
    "factcheck.intro": {
        "en": "Claims people make about ResNets, each decided by the engine from the models' facts, from small "
              "experiments run on every check, or from cited published results (marked *cited*: those cannot be "
              "recomputed here). The claims are data in `docs/claims/`; see the README to add one.",
        "zh": "这里收集了人们关于 ResNet 的种种说法。每条说法的结论都由判定引擎给出，依据是模型的事实、每次检查都会运行的"
              "小实验，或者引用的公开结果（标为*引用*：这些无法在本站重新计算）。说法以数据形式存放在 `docs/claims/` 中；"
              "如何新增一条，见 README。",
    },
    "factcheck.policy.title": {"en": "How a verdict is decided", "zh": "结论如何判定"},
    "factcheck.policy": {
        "en": "One policy decides every claim; no claim sets its own tolerance. A claim records its figure as the post "
              "wrote it, and the figure's last written digit sets its precision, its *step*: a figure with a decimal "
              "point or a scale word (M, million, billion, 万, 亿) stands for everything that rounds to it; a whole "
              "number without a scale word is a count written in full and stands for itself alone; after a scale "
              "word, trailing zeros are not digits of precision (万 figures are read like M figures). A hedge word "
              "(about, around, roughly, ~, 约, 大约, 左右) widens the figure to a whole step either side. Quantifiers "
              "are read strictly: *only* admits no exception, and a claim that says *every*, *all* or *always* of "
              "several models or variants is wrong at its first counterexample.",
        "zh": "所有说法都按同一套规则判定，没有哪条说法自带容差。说法按帖子原来的写法记录数字，数字最后一位决定它的精度，"
              "即*步长*：带小数点或数量单位（`M`、`million`、`billion`、万、亿）的数字，代表所有四舍五入后等于它的值；不带数量单位"
              "的整数是写全了的计数，只代表它自己；数量单位前的末尾零不算精度位（“万”的数字与“M”的数字同样读法）。"
              "模糊词（`about`、`around`、`roughly`、`~`、约、大约、左右）把范围放宽到左右各一个完整步长。量词按严格的意思读："
              "“只”不容例外；说某几个模型或变体“每个”“所有”“总是”如何的说法，只要有一个反例就是错的。",
    },
    "factcheck.policy.verdicts": {
        "en": "- {correct}: every check holds.\n"
              "- {close}: a rounded figure misses its precision by no more than one further step: it was cut off "
              "instead of rounded, or rounded one digit too far. It is near the value but claims a precision it does "
              "not have; calling it wrong would overstate the error, calling it correct would let a figure be off by "
              "its own last digit.\n"
              "- {depends}: the statement leaves open which model, option or unit it means (VGG-11 or VGG-16, v1 or "
              "v1.5, MACs or FLOPs), and it holds for some of them, not for others.\n"
              "- {wrong}: some check holds for none of the readings, or a claim about every one of several has a "
              "counterexample.\n"
              "- {supported} or {refuted}: a claim about training, which is not rerun here, rests on the paper's own "
              "words alone; each statement it rests on is quoted with its source (marked *quoted*).",
        "zh": "- {correct}：每项检查都成立。\n"
              "- {close}：一个约数超出了它的精度，但差距不超过再多一个步长：它是截断而不是四舍五入得来的，或者多舍入了一位。"
              "它离真实值不远，却声称了自己没有的精度；判为错误会夸大误差，判为正确又等于允许数字在最后一位上出错。\n"
              "- {depends}：说法没有指明是哪个模型、哪种选项或哪种单位（VGG-11 还是 VGG-16，v1 还是 v1.5，MACs 还是 "
              "FLOPs），对其中一些成立，对另一些不成立。\n"
              "- {wrong}：某项检查对哪一种读法都不成立，或者一条关于多个对象“每个都”如何的说法有反例。\n"
              "- {supported}或{refuted}：关于训练的说法（本站不重新训练）只能以论文原话为依据；它所依据的每段陈述都连同出处"
              "一并引述（标为*引述*）。",
    },
    "factcheck.policy.examples": {
        "en": "The policy applied to figures posts write, against facts of the models:",
        "zh": "把这套规则用在帖子里常见的数字上，对照模型的事实：",
    },
    "factcheck.column.figure": {"en": "figure as written", "zh": "所写的数字"},
    "factcheck.column.holds_within": {"en": "holds within", "zh": "成立范围"},
    "factcheck.column.close_within": {"en": "close within", "zh": "接近范围"},
    "factcheck.column.grade": {"en": "reads as", "zh": "判定"},
    "factcheck.exact": {"en": "exact: none", "zh": "精确计数：无"},
    "factcheck.seen": {"en": "seen in posts", "zh": "见于帖子"},
    "factcheck.filter": {"en": "Filter the claims", "zh": "筛选说法"},
    "factcheck.filter.verdict": {"en": "Verdict", "zh": "结论"},
    "factcheck.filter.model": {"en": "Model", "zh": "模型"},
    "factcheck.filter.topic": {"en": "Topic", "zh": "主题"},
    "factcheck.filter.any": {"en": "any", "zh": "全部"},
    "finder.title": {"en": "Check a number", "zh": "核对一个数字"},
    "finder.intro": {
        "en": "Type a figure as a post writes it — 25.5M, 23.5 million, about 3.8 billion, 4.1 GFLOPs, 42 layers, "
              "2,048, 2.5亿, 2560万 — and see every fact of every model and option that it matches, each with what "
              "it counts and a link to where it is measured. A unit narrows the facts to that unit.",
        "zh": "按帖子里的写法输入一个数字，例如 `25.5M`、`23.5 million`、`about 3.8 billion`、`4.1 GFLOPs`、`42 layers`、"
              "`2,048`、`2.5亿`、`2560万`，就能看到它与哪些模型、哪些选项的哪些事实相符，每条都说明它统计的是什么，并链接到测量它的地方。"
              "带上单位，就只比较这种单位的事实。",
    },
    "finder.label": {"en": "Figure", "zh": "数字"},
    "finder.policy": {
        "en": "A figure is read by the same rules as the claims of the [fact check](fact-check.md#policy): its last "
              "digit sets its precision, a hedge word widens it, and a value outside it by at most one more step is "
              "*close*. Everything runs in your browser, from files of this site.",
        "zh": "数字的读法与[事实核查](fact-check.md#policy)中的说法完全相同：最后一位决定精度，模糊词放宽范围，超出范围不多于"
              "再一个步长的值算作*接近*。一切都在你的浏览器里完成，只用本站的文件。",
    },
    "finder.unreadable": {
        "en": "This is not a figure the policy reads: write it as posts do, like 25.5M, about 3.8 billion or 16 or 19.",
        "zh": "无法按规则读出这个数字：请像帖子那样写，例如 25.5M、about 3.8 billion 或 16 or 19。",
    },
    "finder.none": {"en": "No fact matches this figure.", "zh": "没有与这个数字相符的事实。"},
    "finder.results": {"en": "{count} facts match:", "zh": "共有 {count} 个事实相符："},
    "finder.holds": {"en": "holds", "zh": "成立"},
    "finder.close": {"en": "close: less precise than written", "zh": "接近：没有所写的那么精确"},
    "finder.flops_twice": {"en": "these are MACs: in FLOPs it is twice", "zh": "这是 MACs：按 FLOPs 计是它的两倍"},
    "finder.confusion": {
        "en": "FLOPs written, MACs matched: the figure counts MACs and calls them FLOPs",
        "zh": "写的是 FLOPs，对上的却是 MACs：这个数字数的是乘加次数，却称之为 FLOPs",
    },
    "finder.ours": {"en": "ours", "zh": "本站"},
    "finder.checker.title": {"en": "Check a claim", "zh": "核查一条说法"},
    "finder.checker.intro": {
        "en": "Choose a model, one of its facts, a comparison and a value: the verdict is decided here as the engine "
              "decides it, and the claim is written out as YAML, ready for `docs/claims/` (review its words first).",
        "zh": "选择一个模型、它的一个事实、一种比较方式和一个数值：结论在这里按判定引擎的规则得出，说法同时写成 YAML，"
              "可直接放进 `docs/claims/`（提交前请先审阅其中的文字）。",
    },
    "finder.checker.model": {"en": "Model", "zh": "模型"},
    "finder.checker.fact": {"en": "Fact", "zh": "事实"},
    "finder.checker.comparison": {"en": "Comparison", "zh": "比较"},
    "finder.checker.value": {"en": "Value", "zh": "数值"},
    "finder.checker.high": {"en": "and", "zh": "到"},
    "finder.checker.stated": {"en": "about {value}", "zh": "约为 {value}"},
    "finder.checker.equals": {"en": "exactly {value}", "zh": "恰好为 {value}"},
    "finder.checker.at_least": {"en": "at least {value}", "zh": "至少为 {value}"},
    "finder.checker.at_most": {"en": "at most {value}", "zh": "至多为 {value}"},
    "finder.checker.range": {"en": "between {value}", "zh": "在 {value} 之间"},
    "finder.checker.statement": {"en": "{model}: {fact} is {comparison}.", "zh": "{model}：{fact}{comparison}。"},
    "finder.checker.correction": {
        "en": "Measured: {value}. Written by the claim checker; say here what the figure gets right or wrong.",
        "zh": "实测：{value}。由说法核查工具写出；请在这里说明这个数字对在哪里、错在哪里。",
    },
    "finder.checker.verdict": {"en": "Verdict: {verdict}. Measured: {value}.", "zh": "结论：{verdict}。实测值：{value}。"},
    "finder.checker.unreadable": {
        "en": "Type the value as a number, or (for “about”) as posts write figures: 25.5M, 3.8 billion, 2560万.",
        "zh": "请输入数字；选“约为”时可按帖子的写法输入，例如 25.5M、3.8 billion、2560万。",
    },
    "finder.keras": {"en": "Keras, measured live", "zh": "Keras，现场测量"},
    "finder.cited": {"en": "cited:", "zh": "引用："},
    "factcheck.unchecked.title": {"en": "Not checked here", "zh": "本站不核查的说法"},
    "factcheck.unchecked": {
        "en": "Statements seen in posts that nothing here can decide: about a tool rather than a model, or about "
              "training, which is not rerun here. They get no verdict; each says why.",
        "zh": "帖子里出现、但本站无法判定的说法：它们讲的是工具而不是模型，或者是训练效果（本站不重新训练）。它们没有结论，"
              "每条都说明了原因。",
    },
    "factcheck.column.statement": {"en": "statement", "zh": "说法"},
    "factcheck.column.why": {"en": "why not checked", "zh": "为何不核查"},
    "factcheck.count": {"en": "{count} {verdict}", "zh": "{verdict} {count} 条"},
    "factcheck.summary": {"en": "{count} claims: {summary}.", "zh": "共 {count} 条说法：{summary}。"},
    "factcheck.keras_model": {"en": "{title}, Keras, measured live", "zh": "{title}（Keras，现场测量）"},
    "factcheck.column.claim": {"en": "claim", "zh": "说法"},
    "factcheck.column.topic": {"en": "topic", "zh": "主题"},
    "factcheck.column.verdict": {"en": "verdict", "zh": "结论"},
    "factcheck.column.evidence": {"en": "evidence", "zh": "证据"},
    "factcheck.column.published": {"en": "published figure", "zh": "公开数据"},
    "factcheck.column.value": {"en": "value", "zh": "数值"},
    "factcheck.column.holds": {"en": "holds", "zh": "是否成立"},
    "factcheck.column.source": {"en": "source", "zh": "出处"},
    "factcheck.column.fact": {"en": "fact", "zh": "事实"},
    "factcheck.column.model": {"en": "model", "zh": "模型"},
    "factcheck.column.measured": {"en": "measured", "zh": "实测值"},
    "factcheck.claim": {
        "en": "{badge} · topic: {topic} · evidence: {evidence} · source: `{path}`{seen}",
        "zh": "{badge} · 主题：{topic} · 证据：{evidence} · 来源：`{path}`{seen}",
    },
    "factcheck.quoted": {"en": "Quoted, not recomputed here; check: {check}", "zh": "引述，未在本站重新计算；检查：{check}"},
    "factcheck.quoted.states": {"en": "What it states: `{subject}` = {value}; {held}.", "zh": "它陈述的是：`{subject}` = {value}；{held}。"},
    "factcheck.computed": {"en": "Computed, check: {check}", "zh": "计算所得，检查：{check}"},
    "factcheck.cited": {
        "en": "Cited evidence, not recomputed here; check: {check}", "zh": "引用的证据，未在本站重新计算；检查：{check}",
    },
    "factcheck.executed": {"en": "Executed: {check}", "zh": "已执行：{check}"},
    "factcheck.observed.runs.shape": {
        "en": "Observed: it **runs** (output shape {detail}); {held}.", "zh": "观察结果：**正常运行**（输出形状 {detail}）；{held}。",
    },
    "factcheck.observed.runs.summary": {
        "en": "Observed: it **runs** and prints its summary (Keras: `{detail}`); {held}.",
        "zh": "观察结果：**正常运行**并打印出模型摘要（Keras：`{detail}`）；{held}。",
    },
    "factcheck.observed.raises": {
        "en": "Observed: it **raises** (`{detail}`); {held}.", "zh": "观察结果：**抛出异常**（`{detail}`）；{held}。",
    },
    "factcheck.holds": {"en": "holds", "zh": "成立"},
    "factcheck.does_not_hold": {"en": "does not hold", "zh": "不成立"},
    "factcheck.close": {"en": "close, not within the figure's precision", "zh": "接近，但超出了所写数字的精度"},
    "check.experiment": {"en": "run `{experiment}`, expect it {expect}", "zh": "运行 `{experiment}`，预期{expect}"},
    "check.outcome.runs": {"en": "runs", "zh": "正常运行"},
    "check.outcome.raises": {"en": "raises", "zh": "抛出异常"},
    "check.equals": {"en": "equals {target}", "zh": "等于 {target}"},
    "check.differs": {"en": "differs from {target}", "zh": "不等于 {target}"},
    "check.stated": {"en": "as written, {target}: holds at {holds}", "zh": "按所写的 {target}：成立范围 {holds}"},
    "check.stated.close": {
        "en": "as written, {target}: holds within {holds}, close within {close}",
        "zh": "按所写的 {target}：成立范围 {holds}，接近范围 {close}",
    },
    "check.range": {"en": "range {target}", "zh": "在 {target} 范围内"},
    "check.less_than": {"en": "less than {target}", "zh": "小于 {target}"},
    "check.greater_than": {"en": "greater than {target}", "zh": "大于 {target}"},
    "check.at_least": {"en": "at least {target}", "zh": "至少 {target}"},
    "check.at_most": {"en": "at most {target}", "zh": "至多 {target}"},
    "check.contains": {"en": "contains {target}", "zh": "包含 {target}"},
    "check.excludes": {"en": "excludes {target}", "zh": "不包含 {target}"},

    # --- Modifying ResNet-34 (tools/render/modifications.py) -----------------------------------------
    "mod.title": {"en": "Modifying {title}: what each change costs", "zh": "改造 {title}：每项改动的代价"},
    "mod.intro": {
        "en": "Reproductions of {title} are often followed by an \"improved\" one: depthwise separable convolutions, "
              "Swish or LeakyReLU, other widths, fewer blocks, a 1×1 convolution before the classifier, Dropout. "
              "Here each change is a small named transformation of the reference model (`models/variants.py`), built "
              "and measured like every model on this site, for one 224×224 image at inference. The ratios divide by "
              "the unchanged {title}; hover or tap a number to see which fact it is.",
        "zh": "复现 {title} 之后，常常还会跟着一个“改进版”：深度可分离卷积、Swish 或 LeakyReLU、换一种宽度、减少块数、"
              "在分类器前加一个 1×1 卷积、加 Dropout。在这里，每项改动都是对参考模型的一个具名的小变换"
              "（`models/variants.py`），和本站的每个模型一样构建并实测，输入为推理时的一张 224×224 图像。表中的比值都以"
              "未改动的 {title} 为分母；把鼠标悬停在数字上（或轻点它）即可看到它对应哪项事实。",
    },
    "mod.chart.alt": {
        "en": "Parameters and MACs of each modification relative to {title}, log-log",
        "zh": "各项改动相对于 {title} 的参数量与 MACs，双对数坐标",
    },
    "mod.why": {"en": "Why each number moves", "zh": "每个数字为什么会变"},
    "mod.why.intro": {
        "en": "Parameters and MACs count convolutions and fully connected layers (BatchNorm adds two parameters per "
              "channel); see [MACs and FLOPs](concepts/macs-vs-flops.md) and [Counting depth](concepts/depth.md). "
              "Each section lists the layers the change touches, compared by module name with the reference.",
        "zh": "参数量与 MACs 统计的是卷积层和全连接层（BatchNorm 每个通道另有两个参数）；参见 "
              "[MACs 与 FLOPs](concepts/macs-vs-flops.md) 和[深度的计法](concepts/depth.md)。每一节都列出该改动涉及的层，"
              "按模块名与参考模型逐一比较。",
    },
    "mod.others": {"en": "The same changes on ResNet-18 and ResNet-50", "zh": "ResNet-18 和 ResNet-50 上的同样改动"},
    "mod.others.intro": {
        "en": "Modifications apply to the default options only (variant v1.5). ResNet-50 is already built on "
              "bottlenecks; its `head-1x1` halves 2048 channels to 1024, which costs parameters as well.",
        "zh": "改动只作用于默认选项（变体 v1.5）。ResNet-50 本来就由瓶颈块构成；它的 `head-1x1` 把 2048 个通道减半为 "
              "1024 个，这同样要付出参数量的代价。",
    },
    "mod.links": {
        "en": "[Figure 3]({figure}) · [facts]({facts}) · [layers]({layers})",
        "zh": "[图 3]({figure}) · [事实]({facts}) · [逐层表]({layers})",
    },
    "mod.reference_model": {"en": "{link} (reference)", "zh": "{link}（参考模型）"},
    "mod.reference": {"en": "reference", "zh": "参考"},
    "mod.unchanged": {"en": "unchanged", "zh": "未改动"},
    "mod.section.change": {
        "en": "**Change:** {summary}. Facts as `{key}.*`; {links}; `python -m tools show {model} --modification {name}`.",
        "zh": "**改动**：{summary}。事实名为 `{key}.*`；{links}；`python -m tools show {model} --modification {name}`。",
    },
    "mod.section.dws_code": {"en": "The pair, as `models/variants.py` builds it:", "zh": "`models/variants.py` 构建的这对卷积："},
    "mod.changes": {"en": "Layers that differ from {title}'s: {summary}", "zh": "与 {title} 不同的层：{summary}"},
    "mod.changes.count": {"en": "{count} {kind}", "zh": "{kind} {count} 个"},
    "mod.change.changed": {"en": "changed", "zh": "改变"},
    "mod.change.added": {"en": "added", "zh": "新增"},
    "mod.change.removed": {"en": "removed", "zh": "移除"},
    "mod.chart.reference": {"en": "{title}, unchanged", "zh": "{title}，未改动"},
    "mod.chart.modifications": {"en": "modifications", "zh": "各项改动"},
    "mod.chart.x": {"en": "parameters, relative to {title} (log scale)", "zh": "参数量，相对于 {title}（对数刻度）"},
    "mod.chart.y": {"en": "MACs per image, relative to {title} (log scale)", "zh": "每张图像的 MACs，相对于 {title}（对数刻度）"},
    "mod.chart.as_reference": {"en": " (as the reference)", "zh": "（与参考模型相同）"},
    "mod.why.dws": {
        "en": "A 3×3 convolution from C to C′ channels has 9·C·C′ weights and does as many MACs at each output "
              "position. The depthwise separable pair has 9·C (one 3×3 filter per input channel) + C·C′ (the 1×1 "
              "pointwise): the fraction 1/9 + 1/C′ of it, nearly nine times less once the layer is wide. "
              "The blocks' convolutions hold {ref_block_conv_params} of {ref_params} parameters "
              "and do {ref_block_conv_macs} of {ref_macs} GMACs; as separable "
              "pairs, {block_conv_params} and {block_conv_macs} GMACs. "
              "The 7×7 stem, the projection shortcuts, BatchNorm and the fc layer "
              "({ref_fc_params} parameters) stay as they are, so the whole model keeps "
              "{params_ratio} of its parameters and {macs_ratio} of its MACs, not a ninth. "
              "The price is depth: each 3×3 became two layers, {weighted_layers} weighted layers on a "
              "longest path of {longest_path}, against {ref_longest_path}.",
        "zh": "从 C 个通道到 C′ 个通道的 3×3 卷积有 9·C·C′ 个权重，在每个输出位置上也做同样多次乘加。深度可分离的一对卷积"
              "只有 9·C（每个输入通道一个 3×3 滤波器）+ C·C′（1×1 逐点卷积）个权重，是原来的 1/9 + 1/C′，层一宽就接近"
              "原来的九分之一。各块中的卷积占 {ref_params} 个参数中的 {ref_block_conv_params} 个、{ref_macs} GMACs 中的 "
              "{ref_block_conv_macs}；换成可分离的卷积对之后，分别为 {block_conv_params} 个和 {block_conv_macs} GMACs。"
              "7×7 的起始层、投影捷径连接、BatchNorm 和全连接层（{ref_fc_params} 个参数）都保持不变，所以整个模型保留了 "
              "{params_ratio} 的参数量和 {macs_ratio} 的 MACs，而不是九分之一。代价是深度：每个 3×3 卷积变成了两层，"
              "带权重的层有 {weighted_layers} 个，最长路径为 {longest_path}，原来是 {ref_longest_path}。",
    },
    "mod.why.activation": {
        "en": "An activation has no weights, and MACs count only the convolutions and fc layers: the change is "
              "{params_change} parameters and {macs_change} MACs. "
              "What it does change is not counted here: the elementwise work (SiLU computes a sigmoid per value) "
              "and, in training, the gradient for negative inputs.",
        "zh": "激活函数没有权重，而 MACs 只统计卷积层和全连接层：这项改动带来的变化是 {params_change} 个参数和 "
              "{macs_change} MACs。它真正改变的东西这里都没有统计：逐元素的计算（SiLU 要对每个值算一次 sigmoid），"
              "以及训练时负输入处的梯度。",
    },
    "mod.why.width": {
        "en": "A convolution's weights are k·k·C·C′ and its MACs that many per output position: scaling both C and "
              "C′ by a factor scales them by its square (twice as wide: four times; half as wide: a quarter). Two "
              "layers scale by the factor alone, because one side of them is fixed: the 7×7 stem reads the image's "
              "3 channels, and the fc layer writes {ref_num_classes} classes (its parameters "
              "{ref_fc_params} → {fc_params}); BatchNorm scales by the factor too. Stage widths "
              "{ref_stage_widths} → {stage_widths}: parameters × {params_ratio}, "
              "MACs × {macs_ratio}, depth unchanged at {weighted_layers}.",
        "zh": "卷积的权重数是 k·k·C·C′，每个输出位置的 MACs 也是这么多：C 和 C′ 同乘一个倍数，二者就按这个倍数的平方变化"
              "（宽一倍：四倍；窄一半：四分之一）。有两层只按倍数本身变化，因为它们有一侧是固定的：7×7 起始层读入图像的 "
              "3 个通道，全连接层输出 {ref_num_classes} 个类别（其参数 {ref_fc_params} → {fc_params}）；BatchNorm 也只按"
              "倍数变化。各阶段宽度 {ref_stage_widths} → {stage_widths}：参数量 × {params_ratio}，MACs × {macs_ratio}，"
              "深度不变，仍为 {weighted_layers}。",
    },
    "mod.why.depth": {
        "en": "Blocks per stage {ref_blocks_per_stage} → {blocks_per_stage}: "
              "{residual_blocks} residual blocks instead of {ref_residual_blocks}, "
              "{weighted_layers} weighted layers instead of {ref_weighted_layers}. From one stage to "
              "the next the width doubles and the map's side halves, so a block that keeps its shape has four times "
              "the weights of one in the stage before and costs the same MACs. The MACs therefore fall with the "
              "number of blocks removed (× {macs_ratio}) and the parameters with where they are removed: "
              "× {params_ratio}, most of it from the wide last stages.",
        "zh": "每阶段块数 {ref_blocks_per_stage} → {blocks_per_stage}：残差块从 {ref_residual_blocks} 个变为 "
              "{residual_blocks} 个，带权重的层从 {ref_weighted_layers} 个变为 {weighted_layers} 个。从一个阶段到下一个"
              "阶段，宽度加倍、特征图边长减半，因此形状不变的块，权重是前一阶段的块的四倍，MACs 却相同。所以 MACs 随去掉"
              "的块数下降（× {macs_ratio}），参数量则取决于去掉的块在哪里：× {params_ratio}，其中大部分来自较宽的最后几个"
              "阶段。",
    },
    "mod.why.bottleneck": {
        "en": "ResNet-34's {ref_blocks_per_stage} blocks per stage, each a bottleneck "
              "({block_kernels}, the last 1×1 {expansion} times as wide), are Table 1's ResNet-50: "
              "{params} parameters and {macs} GMACs, as "
              "[ResNet-50](models/resnet50.md) has ({resnet50_params}, {resnet50_macs}). "
              "Each block has {convs_per_block} convolutions instead of {ref_convs_per_block}: "
              "{weighted_layers} weighted layers. The 3×3 works at the narrow width, so a stage four times as "
              "wide costs only × {macs_ratio} the MACs; the wider stage outputs make the projections and the "
              "fc layer larger ({fc_params} parameters against {ref_fc_params}).",
        "zh": "把 ResNet-34 每阶段 {ref_blocks_per_stage} 个块都换成瓶颈块（{block_kernels}，最后的 1×1 宽 {expansion} 倍），"
              "得到的就是表 1 中的 ResNet-50：{params} 个参数、{macs} GMACs，与 [ResNet-50](models/resnet50.md) 一致"
              "（{resnet50_params}，{resnet50_macs}）。每个块有 {convs_per_block} 个卷积，而不是 {ref_convs_per_block} 个："
              "共 {weighted_layers} 个带权重的层。3×3 卷积在较窄的宽度上运算，所以宽四倍的阶段，MACs 只是原来的 × "
              "{macs_ratio}；更宽的阶段输出使投影和全连接层变大（{fc_params} 个参数，原来是 {ref_fc_params} 个）。",
    },
    "mod.why.head": {
        "en": "The 1×1 convolution runs before pooling, at every position of the "
              "{ref_final_feature_map} map: its C·C/2 weights are used once per position. The fc layer after it "
              "reads half as many features, {ref_fc_params} → {fc_params} parameters. Net: "
              "{params_change} parameters and {macs_change} MACs: the convolution costs {verdict} "
              "computation than the smaller fc layer saves. It adds a weighted layer: {weighted_layers}.",
        "zh": "1×1 卷积在池化之前运行，作用于 {ref_final_feature_map} 特征图的每个位置：它的 C·C/2 个权重在每个位置都要用"
              "一次。其后的全连接层读入的特征减半，参数 {ref_fc_params} → {fc_params}。净变化：{params_change} 个参数、"
              "{macs_change} MACs：这个卷积增加的计算量{verdict}更小的全连接层省下的计算量。它还多了一个带权重的层："
              "{weighted_layers}。",
    },
    "mod.why.head_pooled": {
        "en": "The 1×1 convolution runs after pooling, on the pooled map of one position: its C·C/2 weights are "
              "used once per image, like an fc layer's. The fc layer after it reads half as many features, "
              "{ref_fc_params} → {fc_params} parameters. Net: {params_change} parameters and {macs_change} MACs: "
              "the convolution costs {verdict} computation than the smaller fc layer saves. Where the 1×1 sits "
              "decides whether it saves anything: before pooling it runs at every position. It adds a weighted "
              "layer: {weighted_layers}.",
        "zh": "1×1 卷积在池化之后运行，作用于只剩一个位置的池化结果：它的 C·C/2 个权重每张图像只用一次，和全连接层一样。"
              "之后的全连接层读取的特征减半，参数从 {ref_fc_params} 降到 {fc_params}。净效果：参数量变化 {params_change}，"
              "MACs 变化 {macs_change}：这个卷积的计算量{verdict}更小的全连接层省下的。1×1 卷积放在哪里，决定了它能否省下"
              "计算：放在池化之前，它要在每个位置上运行。它增加一个带权重的层：{weighted_layers}。",
    },
    "mod.why.head.more": {"en": "more", "zh": "多于"},
    "mod.why.head.less": {"en": "less", "zh": "少于"},
    "mod.why.dropout": {
        "en": "Dropout has no weights, and at inference (`model.eval()`), where MACs are counted, it is the identity: "
              "{params_change} parameters, {macs_change} MACs. In training it zeroes half "
              "of the pooled features at random: a regulariser, not a saving.",
        "zh": "Dropout 没有权重；推理时（`model.eval()`，MACs 正是在这时统计的）它是恒等映射：{params_change} 个参数，"
              "{macs_change} MACs。训练时它随机把池化后的一半特征置零：这是一种正则化手段，并不节省计算。",
    },
    "mod.why.dws_silu": {
        "en": "SiLU adds nothing countable, so this costs what the depthwise separable change costs: "
              "{params} parameters (× {params_ratio}) and {macs} GMACs (× {macs_ratio}).",
        "zh": "SiLU 不增加任何可统计的量，所以代价与深度可分离改动相同：{params} 个参数（× {params_ratio}）和 "
              "{macs} GMACs（× {macs_ratio}）。",
    },
    "mod.why.dws_double": {
        "en": "At twice the width the pointwise 1×1 convolutions grow four times and the depthwise ones twice. With "
              "stages {stage_widths} wide, the separable model costs {verdict} "
              "than the original: × {params_ratio} the parameters and × {macs_ratio} the MACs.",
        "zh": "宽度加倍后，1×1 逐点卷积变为四倍，深度卷积变为两倍。各阶段宽度为 {stage_widths} 时，可分离模型的代价"
              "{verdict}：参数量 × {params_ratio}，MACs × {macs_ratio}。",
    },
    "mod.why.dws_double.less": {"en": "less", "zh": "比原模型小"},
    "mod.why.dws_double.more": {"en": "more", "zh": "比原模型大"},
    "mod.why.head_dropout": {
        "en": "Dropout adds nothing at inference, so this costs what the 1×1 head costs: "
              "{params_change} parameters and {macs_change} MACs.",
        "zh": "Dropout 在推理时不增加任何东西，所以代价与 1×1 头部改动相同：{params_change} 个参数和 {macs_change} MACs。",
    },
    "column.change": {"en": "change", "zh": "改动"},
    "column.params_ratio": {"en": "× params", "zh": "× 参数量"},
    "column.macs_ratio": {"en": "× MACs", "zh": "× MACs"},
    "column.figure_and_data": {"en": "figure and data", "zh": "图与数据"},

    # --- Charts and Figure 3 (tools/render/chart.py, modifications.py, figure.py) ---------------------
    # Drawn once and shared by every language today; the words are here so that a language can have its own.
    "chart.defaults": {"en": "{family}, {dataset} {size}×{size}", "zh": "{family}，{dataset} {size}×{size}"},
    "chart.other_options": {"en": "{family}, other options", "zh": "{family}，其他选项"},
    "chart.x": {"en": "parameters", "zh": "参数量"},
    "chart.y": {"en": "MACs per image", "zh": "每张图像的 MACs"},
    "figure.image": {"en": "image, 3×{size}×{size}", "zh": "图像，3×{size}×{size}"},
    "figure.fold": {"en": "⋮ × {count} more blocks", "zh": "⋮ × 另有 {count} 个块"},
    "figure.fold.blocks": {"en": "{first} to {last}, each like {like}", "zh": "{first} 至 {last}，均与 {like} 相同"},
    "figure.zero_pad": {"en": "zero-pad", "zh": "零填充"},
    "figure.legend.shortcuts": {
        "en": "Arcs: shortcuts; solid the identity, dotted a projection,", "zh": "弧线为捷径连接：实线为恒等映射，点线为投影，",
    },
    "figure.legend.sizes": {
        "en": "dashed option A zero-padding. Red lines: the map size changes.", "zh": "虚线为选项 A 的零填充。红线：特征图尺寸在此改变。",
    },
    # The residual block drawn on the residual-learning page (tools/render/drawing.py).
    "drawing.residual.title": {"en": "A residual block: F(x) + x, then ReLU", "zh": "残差块：F(x) + x，再经 ReLU"},
    "drawing.residual.input": {"en": "input x", "zh": "输入 x"},
    "drawing.residual.branch": {"en": "residual branch F(x)", "zh": "残差分支 F(x)"},
    "drawing.residual.conv_bn_relu": {"en": "3×3 conv → BN → ReLU", "zh": "3×3 卷积 → BN → ReLU"},
    "drawing.residual.conv_bn": {"en": "3×3 conv → BN", "zh": "3×3 卷积 → BN"},
    "drawing.residual.shortcut": {"en": "shortcut: identity", "zh": "捷径：恒等"},
    "drawing.residual.output": {"en": "output ReLU(F(x) + x)", "zh": "输出 ReLU(F(x) + x)"},
    # Network diagrams of Inception-v3 and the DenseNets (tools/render/network.py); layer labels are not words.
    "network.stem": {"en": "stem", "zh": "起始层"},
    "network.head": {"en": "head", "zh": "头部"},
    "network.figure": {"en": "Figure {number}", "zh": "图 {number}"},
    "network.module": {"en": "{name} ({figure}): {shape}", "zh": "{name}（{figure}）：{shape}"},
    "network.grid_modules": {"en": "{side}×{side} modules", "zh": "{side}×{side} 模块"},
    "network.grid_reduction": {"en": "grid reduction", "zh": "网格缩减"},
    "network.aux": {"en": "auxiliary classifier (training only)", "zh": "辅助分类器（仅在训练时运行）"},
    "network.legend.sizes": {"en": "Red lines: the grid size changes.", "zh": "红线：特征图尺寸在此改变。"},
    "network.input": {"en": "input, {shape}", "zh": "输入，{shape}"},
    "network.concat": {"en": "filter concatenation, {shape}", "zh": "滤波器拼接，{shape}"},
    "network.concat.sum": {"en": "{terms} = {total} channels", "zh": "{terms} = {total} 个通道"},
    "network.legend.call": {
        "en": "Dashed: a pool that forward calls as a function; it is no module of the model.",
        "zh": "虚线框：模型的前向计算中以函数调用的池化，不是模型的模块。",
    },
    "network.dense_block": {
        "en": "Dense block {index}: {layers} layers, {m} → {out} channels", "zh": "稠密块 {index}：{layers} 层，{m} → {out} 个通道",
    },
    "network.transition": {
        "en": "Transition layer {index}: {c_in} → {c_out} channels", "zh": "过渡层 {index}：{c_in} → {c_out} 个通道",
    },
    "network.dense_block.title": {"en": "{title}: the first dense block", "zh": "{title}：第一个稠密块"},
    "network.block_input": {"en": "block input, {shape}", "zh": "块输入，{shape}"},
    "network.dense_layer": {
        "en": "layer {l}: reads {m} + {k}·{before} = {channels} channels",
        "zh": "第 {l} 层：读入 {m} + {k}·{before} = {channels} 个通道",
    },
    "network.dense_fold": {
        "en": "⋮ layers {first} to {last}, each reading {k} channels more", "zh": "⋮ 第 {first} 至 {last} 层，每层多读入 {k} 个通道",
    },
    "network.dense_out": {
        "en": "concatenation: {m} + {k}·{layers} = {channels} channels", "zh": "拼接：{m} + {k}·{layers} = {channels} 个通道",
    },
    "network.growth": {
        "en": "growth rate k = {k}; bottleneck: 1×1 conv to {factor}k = {width} channels",
        "zh": "增长率 k = {k}；瓶颈：1×1 卷积输出 {factor}k = {width} 个通道",
    },
    "network.growth.plain": {"en": "growth rate k = {k}; no bottleneck", "zh": "增长率 k = {k}；没有瓶颈"},
    "network.legend.dense": {
        "en": "Lines: every layer reads the concatenation of all feature maps before it.",
        "zh": "连线：每一层读入它之前所有特征图的拼接。",
    },

    # --- Implementations compared (tools/render/implementations.py) -----------------------------------
    "impl.definition": {"en": "Keras defines it in {link}.", "zh": "Keras 的定义见 {link}。"},
    "impl.strided.none": {"en": "none: it downsamples by pooling", "zh": "没有：它靠池化下采样"},
    "impl.title": {"en": "Implementations compared", "zh": "不同实现对比"},
    "impl.intro": {
        "en": "Keras {version} builds its models live here, on the PyTorch backend, with `weights=None` (nothing is "
              "downloaded), and every number on this page is measured on them by `python -m tools check`, beside ours. "
              "Two implementations of the same network rarely report the same parameter count. The difference is never "
              "a mystery: each is split below into terms, one per kind of weight, each computed from the two models, "
              "and their sum is checked to equal the difference exactly.",
        "zh": "本站在 PyTorch 后端上现场构建 Keras {version} 的模型（`weights=None`，不下载任何权重），本页的每个数字都由 "
              "`python -m tools check` 在这些模型上测得，并与我们的模型并排比较。同一个网络的两种实现，报告的参数量很少完全一致，"
              "但差异并不神秘：下面把每一处差异按权重类型拆成若干项，每一项都由两个模型分别计算，并核对各项之和与差值完全相等。",
    },
    "impl.counting": {
        "en": "How Keras counts: `model.count_params()` and `model.summary()` report trainable **and** non-trainable "
              "weights. BatchNorm's moving mean and variance are non-trainable weights in Keras and buffers in PyTorch, "
              "so Keras' total includes them and ours does not. MACs are counted on both sides as defined on "
              "[Facts and units](reference/facts.md): on Keras' side by `torch.utils.flop_counter` around a forward "
              "pass (its FLOPs ÷ {flops_per_mac}), on ours from the layer table.",
        "zh": "Keras 的计数方式：`model.count_params()` 与 `model.summary()` 同时报告可训练**和**不可训练的权重。"
              "批归一化的滑动均值与方差在 Keras 中是不可训练权重，在 PyTorch 中是缓冲区（`buffer`），所以 Keras 的总数包含它们，"
              "我们的不包含。两边的 MACs 都按[事实与单位](reference/facts.md)中的定义计算：Keras 一侧用 "
              "`torch.utils.flop_counter` 包住一次前向传播（其 FLOPs ÷ {flops_per_mac}），我们一侧来自逐层表。",
    },
    "impl.overview": {"en": "Every model, every implementation", "zh": "每个模型、每种实现"},
    "impl.differences": {"en": "Where each difference comes from", "zh": "每处差异从何而来"},
    "impl.outputs": {"en": "What they compute: the same weights, the same logits", "zh": "计算的结果：同一组权重，同样的 logits"},
    "impl.outputs.intro": {
        "en": "Counting layers and weights shows that two models are built alike, not that they compute the same "
              "function. So for one Keras model of every family, the check builds ours with seeded weights and "
              "BatchNorm statistics that are not the identity, copies every weight into Keras' model through one "
              "explicit mapping per family (kernels transposed to Keras' layout, images channels-last), runs both "
              "on the same image in inference mode and compares the logits. They must agree within {tolerance} of "
              "the largest logit; the check stops, naming the model, if they do not. The tests do the same for "
              "{others}, the deeper models of the same families. The models Keras lacks (CIFAR "
              "ResNets with options A and B, ResNet-18 and 34, v1.5, the modifications, the other DenseNets and "
              "VGGs) are compared by the tests with forward passes written from the papers with "
              "`torch.nn.functional` over the same weights (`tests/test_equivalence.py`).",
        "zh": "数清层和权重只能说明两个模型搭得一样，不能说明它们计算的是同一个函数。因此，对每个架构族的一个 Keras 模型，"
              "检查都会用带种子的权重和不等于恒等变换的批归一化统计量构建本站模型，按每个架构族一份明确的对应表把"
              "每个权重复制进 Keras 模型（卷积核转成 Keras 的布局，图像通道在后），在推理模式下让两者处理同一张图像，"
              "再比较 logits。两者之差必须在最大 logit 的 {tolerance} 以内；否则检查会停下并指出是哪个模型。测试对同族中更深的"
              "{others} 做同样的对比。Keras "
              "没有的模型（选项 A 与 B 的 CIFAR ResNet、ResNet-18 与 34、v1.5、各项改动、其余 DenseNet 与 VGG）"
              "由测试对照从论文写出的前向计算来比较：同一组权重，用 `torch.nn.functional` 实现"
              "（`tests/test_equivalence.py`）。",
    },
    "impl.outputs.accounted": {
        "en": "Where Keras' layers differ from ours by design, the comparison accounts for it by name, never by a "
              "looser tolerance:",
        "zh": "Keras 的层在设计上与本站不同之处，对比时都按名称计入，从不靠放宽容差：",
    },
    "impl.column.outputs_input": {"en": "input", "zh": "输入"},
    "impl.column.logit_difference": {"en": "largest logit difference below", "zh": "logits 最大差值低于"},
    "impl.column.logits_agree": {"en": "agree", "zh": "一致"},
    "impl.column.accounted": {"en": "differences accounted for", "zh": "已计入的差异"},
    "impl.tutorial": {"en": "A tutorial's Keras ResNet, run", "zh": "实际运行一个教程里的 Keras ResNet"},
    "impl.ours": {"en": "ours, {model}", "zh": "本站，{model}"},
    "impl.torchvision": {"en": "torchvision (cited)", "zh": "torchvision（引用）"},
    "impl.buffers": {"en": "no: buffers", "zh": "不计入：缓冲区"},
    "impl.column.model": {"en": "model", "zh": "模型"},
    "impl.column.implementation": {"en": "implementation", "zh": "实现"},
    "impl.column.reported": {"en": "parameters reported", "zh": "报告的参数量"},
    "impl.column.statistics": {"en": "BatchNorm statistics in it", "zh": "其中的批归一化统计量"},
    "impl.column.placement": {"en": "stride placement", "zh": "步幅位置"},
    "impl.column.kind": {"en": "kind of weight", "zh": "权重类型"},
    "impl.column.keras": {"en": "Keras", "zh": "Keras"},
    "impl.column.ours": {"en": "ours", "zh": "本站"},
    "impl.column.term": {"en": "adds to the difference", "zh": "对差值的贡献"},
    "impl.column.keras_shapes": {"en": "Keras (H×W×C)", "zh": "Keras（H×W×C）"},
    "impl.column.our_shapes": {"en": "ours (C×H×W)", "zh": "本站（C×H×W）"},
    "impl.row.stage_outputs": {"en": "stage outputs", "zh": "各阶段输出"},
    "impl.row.stage_ends": {"en": "layers that end the stages", "zh": "结束各阶段的层"},
    "impl.row.strided": {"en": "convolutions with stride 2", "zh": "步幅为 2 的卷积"},
    "impl.overview_note": {
        "en": "BatchNorm statistics: how many moving means and variances the reported total includes. Stride placement "
              "applies to the bottleneck ResNets ([v1 or v1.5](concepts/stride-placement.md)). torchvision's counts are "
              "cited: {source}.",
        "zh": "批归一化统计量：报告的总数里包含多少个滑动均值与方差。步幅位置只适用于瓶颈结构的 ResNet"
              "（[v1 或 v1.5](concepts/stride-placement.md)）。torchvision 的参数量为引用数据：{source}。",
    },
    "impl.pair": {"en": "{keras} and {ours}", "zh": "{keras} 与{ours}"},
    "impl.reported": {
        "en": "Keras reports {total} parameters ({trainable} trainable, {non_trainable} non-trainable); ours has {ours}. "
              "Keras minus ours: {difference}, which the terms below add up to exactly.",
        "zh": "Keras 报告 {total} 个参数（可训练 {trainable}，不可训练 {non_trainable}）；我们的模型为 {ours}。"
              "Keras 减去我们的：{difference}，正好等于下表各项之和。",
    },
    "impl.total": {"en": "total", "zh": "合计"},
    "impl.not_counted": {"en": "buffers, not counted", "zh": "缓冲区，不计入"},
    "impl.why.conv_biases": {
        "en": "Keras builds these convolutions with `use_bias=True` (its default); ours have no bias, because the "
              "BatchNorm right after each convolution adds its own shift.",
        "zh": "Keras 构建这些卷积时使用 `use_bias=True`（默认值）；我们的卷积没有偏置，因为紧随其后的批归一化自带平移项。",
    },
    "impl.why.bn_running_stats": {
        "en": "Keras keeps BatchNorm's moving mean and variance as non-trainable weights and counts them; PyTorch keeps "
              "them as buffers, outside `parameters()`.",
        "zh": "Keras 把批归一化的滑动均值与方差作为不可训练权重并计入总数；PyTorch 把它们放在缓冲区里，不属于 `parameters()`。",
    },
    "impl.why.bn_scales": {
        "en": "Keras builds these BatchNorm layers with `scale=False`: no gamma. Ours learn one per channel.",
        "zh": "Keras 构建这些批归一化层时使用 `scale=False`：没有缩放 γ。我们的模型每个通道学习一个。",
    },
    "impl.why.bn_shifts": {"en": "The BatchNorm layers differ in their shift (beta).", "zh": "两边批归一化层的平移项（beta）不同。"},
    "impl.why.conv_weights": {
        "en": "The convolutions themselves differ: different layers, not only different bookkeeping.",
        "zh": "卷积本身不同：层就不一样，而不只是计数方式不同。",
    },
    "impl.why.fc_params": {"en": "The fully connected layers differ.", "zh": "两边的全连接层不同。"},
    "impl.why.nothing": {
        "en": "Nothing differs: the same layers with the same weights, and no BatchNorm statistics to count.",
        "zh": "没有任何差异：相同的层、相同的权重，也没有需要计数的批归一化统计量。",
    },
    "impl.macs": {"en": "MACs: Keras {keras}, ours {ours}; difference {difference}.",
                  "zh": "MACs：Keras {keras}，本站 {ours}；差值 {difference}。"},
    "impl.macs_same": {
        "en": "MACs: Keras {keras}, ours {ours}; difference {difference}: the same convolutions on the same feature "
              "maps, whatever each side counts as parameters.",
        "zh": "MACs：Keras {keras}，本站 {ours}；差值 {difference}：无论两边把什么算作参数，卷积和特征图都完全相同。",
    },
    "impl.macs_v15": {
        "en": "Keras places the stride like our v1 ({placement}); our default v1.5 moves it to the 3×3 and costs "
              "{extra} more MACs ({total} in all).",
        "zh": "Keras 的步幅位置与我们的 v1 相同（{placement}）；我们默认的 v1.5 把步幅移到 3×3 卷积上，多出 {extra} 次乘加"
              "（共 {total}）。",
    },
    "impl.tutorial_intro": {
        "en": "Many tutorials build \"ResNet-18\" in Keras with a `residual_block(x, filters, stride=1, "
              "conv_shortcut=False)` and call it with `stride=2` at each width change without asking for the projection. "
              "We wrote that pattern ourselves, in `models/keras_tutorial.py`, and Keras runs it on every check:",
        "zh": "不少教程用 `residual_block(x, filters, stride=1, conv_shortcut=False)` 在 Keras 里搭“ResNet-18”，"
              "并在每次宽度变化处以 `stride=2` 调用它，却没有要求投影捷径。我们自己按这一写法实现了 `models/keras_tutorial.py`，"
              "每次检查都让 Keras 实际运行它：",
    },
    "impl.tutorial_fails": {
        "en": "`{code}`: **{outcome}**. Keras says: `{detail}`. The first block of a new width halves the map and "
              "doubles the channels, and its bare shortcut cannot be added to that.",
        "zh": "`{code}`：**{outcome}**。Keras 的报错：`{detail}`。新宽度的第一个块把特征图减半、通道加倍，"
              "未经投影的捷径无法与之相加。",
    },
    "impl.tutorial_builds": {
        "en": "`{code}`: **{outcome}**, and Keras' summary ends with `{summary}`. It has {blocks} residual blocks (Add "
              "layers: `residual_block` runs twice per width), MACs {macs} against ResNet-18's {resnet18_macs}.",
        "zh": "`{code}`：**{outcome}**，Keras 摘要的最后一行是 `{summary}`。它有 {blocks} 个残差块（`Add` 层："
              "每种宽度调用两次 `residual_block`），MACs 为 {macs}，ResNet-18 为 {resnet18_macs}。",
    },
    "impl.tutorial_params": {
        "en": "Its parameters beside [ResNet-18](models/resnet18.md)'s: Keras reports {keras}, ours has {ours}; the "
              "difference, {difference}, is {terms}. Pooling layers (the max-pool, the global average pooling) have no "
              "parameters on either side.",
        "zh": "与 [ResNet-18](models/resnet18.md) 的参数量对比：Keras 报告 {keras}，我们的为 {ours}；差值 {difference} "
              "由以下部分组成：{terms}。池化层（最大池化、全局平均池化）在两边都没有参数。",
    },
    "impl.term": {"en": "{kind} ({value})", "zh": "{kind}（{value}）"},
    "impl.plus": {"en": " plus ", "zh": "，加上"},
    "impl.agree": {"en": "nothing: they agree", "zh": "无：两者一致"},

    # --- The card that explains a bound number (atlas-facts.js, through the facts index) --------------
    "card.measured_on": {"en": "Measured on ", "zh": "实测模型："},
    "card.measured_live_on": {"en": "Measured live on ", "zh": "现场实测："},
    "card.published": {"en": "Published figure", "zh": "公开数据"},
    "card.cited": {"en": "Cited, not recomputed here", "zh": "引用数据，未在本站重新计算"},
    "card.definition": {"en": "definition", "zh": "定义"},
    "card.finder": {"en": "Check a number: 25.5M", "zh": "核对数字：25.5M"},

    # --- Claim topics (the topic of each claim in docs/claims/) -----------------------------------------
    "topic.architecture": {"en": "architecture", "zh": "网络结构"},
    "topic.blocks": {"en": "blocks", "zh": "块结构"},
    "topic.cost": {"en": "cost", "zh": "计算开销"},
    "topic.depth": {"en": "depth", "zh": "深度"},
    "topic.head": {"en": "head", "zh": "分类头"},
    "topic.feature maps": {"en": "feature maps", "zh": "特征图"},
    "topic.input size": {"en": "input size", "zh": "输入尺寸"},
    "topic.modifications": {"en": "modifications", "zh": "结构改动"},
    "topic.parameters": {"en": "parameters", "zh": "参数量"},
    "topic.shortcuts": {"en": "shortcuts", "zh": "捷径连接"},
    "topic.stride placement": {"en": "stride placement", "zh": "步幅位置"},
    "topic.training": {"en": "training", "zh": "训练"},
}


# The papers' notation in the spec tables ("Dense Block (1)", "[1×1 conv; 3×3 conv] × 6", "1000-d fc"), as each
# language writes it: read by ``tools.i18n.notation``, longest phrase first. English is the papers' own.
NOTATION: dict[str, dict[str, str]] = {
    "Classification Layer": {"zh": "分类层"},
    "Transition Layer": {"zh": "过渡层"},
    "Dense Block": {"zh": "稠密块"},
    "Convolution": {"zh": "卷积"},
    "Pooling": {"zh": "池化"},
    "global average pool": {"zh": "全局平均池化"},
    "average pool": {"zh": "平均池化"},
    "max pool": {"zh": "最大池化"},
    "avg pool": {"zh": "平均池化"},
    "depthwise conv": {"zh": "深度卷积"},
    "maxpool": {"zh": "最大池化"},
    "D fully-connected": {"zh": " 维全连接"},
    "-d fc": {"zh": " 维全连接层"},
    "-filter stage": {"zh": " 个滤波器的阶段"},
    "grid reduction": {"zh": "网格缩减"},
    "grid": {"zh": "网格"},
    "conv padded": {"zh": "带填充的卷积"},
    "padded": {"zh": "带填充"},
    "As in figure": {"zh": "同图"},
    "linear": {"zh": "线性层"},
    "classifier": {"zh": "分类器"},
    "pool": {"zh": "池化"},
    "stride": {"zh": "步幅"},
    "conv": {"zh": "卷积"},
    "head": {"zh": "头部"},
    "stem": {"zh": "起始层"},
    "transition": {"zh": "过渡层"},
    "auxiliary": {"zh": "辅助分类器"},
    "Figures": {"zh": "图"},
    "Figure": {"zh": "图"},
    # Citations ("Huang et al. 2017, section 3 (implementation details) and Table 2"): the authors' names stay.
    "et al.": {"zh": "等"},
    "implementation details": {"zh": "实现细节"},
    "configuration": {"zh": "配置"},
    "section": {"zh": "节"},
    "Table": {"zh": "表"},
    "and": {"zh": "与"},
}
