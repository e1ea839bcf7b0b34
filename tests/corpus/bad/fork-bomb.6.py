# expect: fork-bomb 10:5
from multiprocessing import Process


def work():
    Process(target=work).start()


while 1:
    Process(target=work).start()
