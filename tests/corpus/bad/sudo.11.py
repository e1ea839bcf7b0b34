# expect: sudo 6:50
import asyncio


async def main(user):
    proc = await asyncio.create_subprocess_exec("doas", "-u", user, "id")
    await proc.wait()

asyncio.run(main("root"))
