import multiprocessing


def work(n):
    return sum(i * i for i in range(n))


if __name__ == "__main__":
    procs = [multiprocessing.Process(target=work, args=(10 ** 6,)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    with multiprocessing.Pool(4) as pool:
        print(pool.map(work, range(10)))
