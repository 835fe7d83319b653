#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate an illustrative usage CSV (enterprise cloud consumption) for the import benchmark.

gen-usage.py OUT.csv [ROWS]   default 1,000,000 rows, about 110 MB, ~10 % quoted fields,
Chinese names.  Deterministic (fixed seed).  The figures are invented, for timing only.
"""
import random
import sys

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
rnd = random.Random(20201)

industries = ["科技文教", "制造工业", "政务与治理", "金融", "零售消费与生活服务", "互联网"]
regions = ["华东地区", "华北地区", "华南地区", "西南地区", "西北地区", "东北地区", "华中地区"]
categories = ["IaaS", "PaaS", "SaaS", "大数据计算", "数据中台", "XPaaS", "数据智能"]
products = {
    "IaaS": ["ECS 云服务器", "OSS 对象存储", "SLB 负载均衡"],
    "PaaS": ["RDS 数据库", "消息队列", "容器服务"],
    "SaaS": ["钉钉", "智能客服", "电子签"],
    "大数据计算": ["MaxCompute", "实时计算 Flink", "E-MapReduce"],
    "数据中台": ["Dataphin", "Quick Audience", "DataWorks"],
    "XPaaS": ["物联网平台", "区块链服务", "视频云"],
    "数据智能": ["PAI 机器学习", "智能推荐", "图像识别"],
}
cities = ["杭州", "上海", "北京", "深圳", "广州", "成都", "武汉", "南京", "苏州", "青岛"]
words = ["数智", "消费品", "美乐", "云链", "华新", "百货", "食品", "日化", "服饰", "家电"]
suffix = ["有限公司", "股份有限公司", "集团", "科技有限公司"]

n_ent = 20000
ents = []
for i in range(n_ent):
    name = rnd.choice(cities) + rnd.choice(words) + rnd.choice(words) + rnd.choice(suffix)
    ents.append(("E%07d" % (i + 1), name, rnd.choice(industries), rnd.choice(regions)))

with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("企业编号,企业名称,行业,地区,月份,产品类别,产品,消费金额\n")
    buf = []
    for i in range(rows):
        eid, name, ind, reg = ents[rnd.randrange(n_ent)]
        cat = rnd.choice(categories)
        prod = rnd.choice(products[cat])
        period = "%d-%02d" % (rnd.choice((2018, 2019, 2020)), rnd.randrange(1, 13))
        spend = "%.2f" % (rnd.random() * 50000)
        r = rnd.random()
        if r < 0.05:
            name = '"%s，华东区"' % name
            spend = '"%s"' % "{:,.2f}".format(float(spend))
        elif r < 0.08:
            name = '"%s ""旗舰店"""' % name
        elif r < 0.10:
            prod = '"%s, 包年"' % prod
        buf.append(",".join((eid, name, ind, reg, period, cat, prod, spend)))
        if len(buf) == 10000:
            f.write("\n".join(buf) + "\n")
            buf = []
    if buf:
        f.write("\n".join(buf) + "\n")
