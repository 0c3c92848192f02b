#!/usr/bin/python3
"""Writes N realistic e-mails (about 20 KB each) into a Maildir for bench/mail.sh.

Each message: a zh-CN plain-text body with a quoted history (base64, UTF-8), a small log file as
an attachment, RFC 2047 subject. Three in five open a record; two in five answer an earlier
message of the same sender (In-Reply-To/References, "Re:" subject, the earlier text quoted), so
they thread. Senders are spread so that nobody crosses the per-sender rate limit (20 an hour).
Usage: mail_corpus.py MAILDIR COUNT [SEED]
"""
import os
import random
import sys
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone

maildir, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
for sub in ("new", "cur", "tmp"):
    os.makedirs(os.path.join(maildir, sub), exist_ok=True)

FAULTS = ["服务器宕机", "打印机卡纸", "网络中断", "邮件无法发送", "显示器黑屏", "数据库连接超时",
          "VPN 登录失败", "硬盘告警", "空调机房温度过高", "扫描仪驱动异常"]
SENTENCES = [
    "今天上午九点左右，三楼财务部的同事反映系统无法登录，页面一直停留在加载状态。",
    "我们已经尝试重启设备和清除浏览器缓存，但问题依旧存在，影响了月底结账工作。",
    "机房的监控显示该服务器的内存占用持续在百分之九十五以上，CPU 负载也很高。",
    "请贵公司尽快安排工程师上门检查，如有需要我们可以提供远程桌面的访问权限。",
    "附件是系统日志的截取部分，其中包含了错误代码和出现问题的具体时间点。",
    "另外，上周更换的交换机是否与这次故障有关，也请一并排查，谢谢配合。",
    "联系人：王先生，电话 138-0000-0000，工作时间为周一至周五上午八点半到下午五点半。",
    "The error message says: connection reset by peer (code 104) after about thirty seconds.",
]


def paragraph(n):
    return "".join(rng.choice(SENTENCES) for _ in range(n))


def attachment():
    lines = []
    for i in range(50):
        lines.append(f"2026-11-2{rng.randint(0, 9)} 0{rng.randint(0, 9)}:{rng.randint(10, 59)}:{rng.randint(10, 59)} "
                     f"ERROR [worker-{i % 8}] 连接数据库失败 timeout={rng.randint(1000, 30000)}ms id={rng.getrandbits(48):x}")
    return ("\n".join(lines) + "\n").encode()


senders = max(1, count // 4)  # at most ~4 messages each
sent = []  # (message_id, sender, subject, text) of earlier messages
now = datetime.now(timezone.utc)
total = 0
for i in range(count):
    reply = sent and rng.random() < 0.4
    if reply:
        mid0, sender, subject0, text0 = rng.choice(sent[-2000:])
        subject = "Re: " + subject0
        quoted = "\n".join("> " + line for line in text0.splitlines())
        text = f"您好，\n\n{paragraph(rng.randint(14, 20))}\n\n谢谢！\n\n在 2026年11月23日，{sender} 写道：\n{quoted}\n"
    else:
        sender = f"kehu{rng.randrange(senders):05d}@customer{rng.randrange(50):02d}.example.cn"
        subject = f"{rng.choice(FAULTS)}，请尽快处理（{i}）"
        history = paragraph(rng.randint(36, 44))
        quoted = "\n".join("> " + history[k:k + 60] for k in range(0, len(history), 60))
        text = (f"您好，\n\n{paragraph(rng.randint(44, 52))}\n\n此致\n敬礼\n\n"
                f"-----原始邮件-----\n发件人：服务台\n主题：{subject}\n{quoted}\n")
    m = EmailMessage()
    m["From"] = f"客户 {i} <{sender}>"
    m["To"] = "support@desk.example"
    m["Subject"] = subject
    m["Date"] = format_datetime(now)
    message_id = f"<bench.{i}.{rng.getrandbits(32):x}@customer.example.cn>"
    m["Message-ID"] = message_id
    if reply:
        m["In-Reply-To"] = mid0
        m["References"] = mid0
    m.set_content(text, charset="utf-8", cte="base64")
    m.add_attachment(attachment(), maintype="text", subtype="plain", filename="系统日志.txt")
    raw = m.as_bytes()
    total += len(raw)
    with open(os.path.join(maildir, "new", f"{i:09d}.bench"), "wb") as f:
        f.write(raw)
    if not reply:
        sent.append((message_id, sender, subject, text))
print(f"{count} messages, {total // max(1, count)} bytes on average, "
      f"{sum(1 for _ in sent)} new and {count - len(sent)} replies")
